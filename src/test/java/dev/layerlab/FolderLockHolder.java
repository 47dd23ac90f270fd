package dev.layerlab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A second process for {@link FolderLockTest}: locks the folders it is given and holds them until stdin closes. */
public final class FolderLockHolder {
    private FolderLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        List<FolderLock> locks = new ArrayList<>();
        for (String folder : args) {
            locks.add(FolderLock.acquire(Path.of(folder), "folder"));
        }
        System.out.println("LOCKED " + ProcessHandle.current().pid());
        System.out.flush();
        System.in.read();
        locks.forEach(FolderLock::close);
    }
}
