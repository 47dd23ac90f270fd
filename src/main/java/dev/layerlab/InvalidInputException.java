package dev.layerlab;

/**
 * Bad input from the user (a file, a setting, a request): carries a message meant to be shown as is,
 * one line, naming what is wrong and where. The CLI turns it into exit code 2; the GUI shows it next
 * to the field or in a dialog.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
