package io.atelier.protocol.openrpc;

import io.atelier.protocol.service.RpcNotifications;
import io.atelier.protocol.service.RpcService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the annotated service and notification interfaces among compiled classes, so a new interface is described
 * without anyone remembering to register it.
 */
final class ProtocolClasses {
    private ProtocolClasses() {
    }

    static List<Class<?>> services(Path classesDir) {
        return annotated(classesDir, RpcService.class);
    }

    static List<Class<?>> notifications(Path classesDir) {
        return annotated(classesDir, RpcNotifications.class);
    }

    private static List<Class<?>> annotated(Path classesDir, Class<? extends java.lang.annotation.Annotation> marker) {
        try (Stream<Path> files = Files.walk(classesDir)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classesDir.relativize(file).toString())
                    .filter(name -> !name.contains("$"))
                    .<Class<?>>map(name -> load(name.substring(0, name.length() - ".class".length()).replace('/', '.')))
                    .filter(cls -> cls.isInterface() && cls.isAnnotationPresent(marker))
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, ProtocolClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Compiled class not on the classpath: " + className, e);
        }
    }
}
