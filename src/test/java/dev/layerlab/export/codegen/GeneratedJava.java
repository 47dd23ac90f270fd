package dev.layerlab.export.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles generated DL4J classes with javac (the test class path: DL4J, ND4J) and runs them in this JVM. */
final class GeneratedJava {
    private GeneratedJava() {
    }

    /** @return the folder holding the compiled classes */
    static Path compile(Path dir, Map<String, String> sources) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), "-proc:none", "-Xlint:none"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path src = dir.resolve("src").resolve(e.getKey() + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, e.getValue());
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        return classes;
    }

    /** Runs a generated class's main with these arguments; returns what it printed. */
    static String run(Path classes, String className, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedJava.class.getClassLoader())) {
            // The saved network may name nested loss classes: let DL4J find them.
            Thread.currentThread().setContextClassLoader(loader);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(original);
            Thread.currentThread().setContextClassLoader(context);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** A static method's result or a field of a generated class's objects, reached by reflection. */
    static Object call(Class<?> type, String method, Class<?>[] types, Object... args) throws Exception {
        var m = type.getDeclaredMethod(method, types);
        m.setAccessible(true);
        return m.invoke(null, args);
    }

    static Object field(Object target, String name) throws Exception {
        var f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }
}
