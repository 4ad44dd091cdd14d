package chatlab.kit;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a class offers to other code (the graders): its public and protected members, as text. */
final class PublicApi {
    private PublicApi() {
    }

    /** The top-level classes in a class folder's package, by simple name. */
    static List<String> classesIn(Path classes, String packagePath) throws IOException {
        Path folder = classes.resolve(packagePath);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Whether the compiled class still holds a starter's TODO (its text is in the constant pool). */
    static boolean hasTodo(Path classes, String packagePath, String simpleName, int step) throws IOException {
        byte[] bytes = Files.readAllBytes(classes.resolve(packagePath).resolve(simpleName + ".class"));
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("TODO(step " + step + ")");
    }

    /** The class's API as sorted lines, loaded from the given folders (first wins). */
    static TreeSet<String> describe(String className, List<Path> classPath) throws IOException, ClassNotFoundException {
        // The kit's own class path (common, the JDK-only given code) comes after the folders compared.
        URL[] urls = Stream.concat(classPath.stream(),
                        Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(Path::of))
                .map(PublicApi::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, PublicApi.class.getClassLoader().getParent())) {
            Class<?> type = Class.forName(className, false, loader);
            TreeSet<String> api = new TreeSet<>();
            api.add("type: " + Modifier.toString(type.getModifiers() & ~Modifier.STATIC) + " " + kind(type)
                    + " " + type.getName() + superTypes(type));
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    api.add(signature(constructor, "new " + type.getSimpleName()));
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic()) {
                    api.add(signature(method, method.getReturnType().getTypeName() + " " + method.getName()));
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers()) && !field.isSynthetic()) {
                    api.add("field: " + Modifier.toString(field.getModifiers()) + " " + field.getType().getTypeName()
                            + " " + field.getName());
                }
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (visible(nested.getModifiers())) {
                    api.addAll(describe(nested.getName(), classPath));
                }
            }
            return api;
        }
    }

    private static String signature(Executable executable, String name) {
        String parameters = Arrays.stream(executable.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(", "));
        String exceptions = Arrays.stream(executable.getExceptionTypes()).map(Class::getTypeName).sorted()
                .collect(Collectors.joining(", "));
        return Modifier.toString(executable.getModifiers()) + " " + name + "(" + parameters + ")"
                + (exceptions.isEmpty() ? "" : " throws " + exceptions);
    }

    private static String kind(Class<?> type) {
        return type.isRecord() ? "record" : type.isEnum() ? "enum" : type.isInterface() ? "interface" : "class";
    }

    private static String superTypes(Class<?> type) {
        String interfaces = Arrays.stream(type.getInterfaces()).map(Class::getName).sorted()
                .collect(Collectors.joining(", "));
        Class<?> parent = type.getSuperclass();
        return (parent == null || parent == Object.class || parent == Record.class ? "" : " extends " + parent.getName())
                + (interfaces.isEmpty() ? "" : " implements " + interfaces);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
