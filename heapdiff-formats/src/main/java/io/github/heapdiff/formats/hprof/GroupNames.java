package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.internal.LongIntMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Names the groups of an HPROF read by the grouping the reader setting {@value #SETTING} asks for:
 * one group per class (the default: Java binary names), per package, or per class loader.
 *
 * <p>An object belongs to its class's package or loader: instances and object arrays to those of
 * their class (an array class lives in its element class's package, as
 * {@link Class#getPackageName()} says), primitive arrays and class objects ({@code java.lang.Class}
 * instances) to {@code java.lang} and the bootstrap loader. A class loader is named by its own
 * class ({@code jdk.internal.loader.ClassLoaders$AppClassLoader}), with {@code #2}, {@code #3}
 * for further loaders of the same class in the order the dump first names them; the bootstrap
 * loader is {@value #BOOTSTRAP}. Not thread-safe; one per read.
 */
final class GroupNames {

    /** The reader setting that chooses the grouping. */
    static final String SETTING = "hprof.grouping";

    /** The name of the bootstrap class loader's group. */
    static final String BOOTSTRAP = "(bootstrap class loader)";

    /** The name of the group of classes in the unnamed package. */
    static final String DEFAULT_PACKAGE = "(default package)";

    /** The groupings the reader offers. */
    enum By {
        /** One group per class: Java binary names. */
        CLASS("class"),
        /** One group per package. */
        PACKAGE("package"),
        /** One group per class loader. */
        CLASS_LOADER("class-loader");

        private final String id;

        By(String id) {
            this.id = id;
        }

        /** The setting's value for this grouping. */
        String id() {
            return id;
        }

        static Optional<By> byId(String id) {
            String want = id.trim().toLowerCase(Locale.ROOT);
            for (By b : values()) {
                if (b.id.equals(want)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }

        static String ids() {
            return java.util.Arrays.stream(values()).map(By::id).collect(Collectors.joining(", "));
        }
    }

    private final By by;
    private final ClassTable classes;
    /** Loader ids in the order class dumps first name them, and the class index of each loader object once seen. */
    private final LongIntMap loaderOrder = new LongIntMap(64);
    private final List<Long> loaders = new ArrayList<>();
    private final Map<Long, Integer> loaderClass = new HashMap<>();
    private Map<Long, String> loaderNames;

    GroupNames(By by, ClassTable classes) {
        this.by = by;
        this.classes = classes;
    }

    /** The grouping the setting asks for (class when it is absent). */
    static By of(Optional<String> setting) {
        if (setting.isEmpty()) {
            return By.CLASS;
        }
        return By.byId(setting.get()).orElseThrow(() -> new IllegalArgumentException("unknown " + SETTING + " '"
                + setting.get() + "'; use one of " + By.ids()));
    }

    By by() {
        return by;
    }

    /** Notes the loader of a dumped class. */
    void classDumped(ClassInfo c) {
        if (c.loaderId != 0 && loaderOrder.get(c.loaderId) < 0) {
            loaderOrder.put(c.loaderId, loaders.size());
            loaders.add(c.loaderId);
        }
    }

    /** Returns true when {@code id} is the id of a class loader named by a class dump read so far. */
    boolean isLoader(long id) {
        return loaderOrder.get(id) >= 0;
    }

    /** Records that the loader object {@code id} is an instance of class {@code classIndex}. */
    void loaderInstance(long id, int classIndex) {
        loaderClass.putIfAbsent(id, classIndex);
    }

    /** The group of instances and object arrays of class {@code c}. */
    String of(ClassInfo c) {
        return switch (by) {
            case CLASS -> classes.name(c);
            case PACKAGE -> packageOf(classes.name(c));
            case CLASS_LOADER -> loader(c.loaderId);
        };
    }

    /** The group of primitive arrays of basic {@code type}. */
    String primitiveArray(int type) {
        return switch (by) {
            case CLASS -> Hprof.primitiveName(type) + "[]";
            case PACKAGE -> "java.lang";
            case CLASS_LOADER -> BOOTSTRAP;
        };
    }

    /** The group of class objects. */
    String classObject() {
        return switch (by) {
            case CLASS -> "java.lang.Class";
            case PACKAGE -> "java.lang";
            case CLASS_LOADER -> BOOTSTRAP;
        };
    }

    /** The package of binary class name {@code name}, as {@link Class#getPackageName()} gives it. */
    static String packageOf(String name) {
        String element = name;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        if (element.length() < name.length() && element.indexOf('.') < 0 && isPrimitive(element)) {
            return "java.lang";
        }
        int dot = element.lastIndexOf('.');
        return dot <= 0 ? DEFAULT_PACKAGE : element.substring(0, dot);
    }

    private static boolean isPrimitive(String s) {
        return switch (s) {
            case "boolean", "char", "float", "double", "byte", "short", "int", "long" -> true;
            default -> false;
        };
    }

    /** The name of the loader with object id {@code id} (0: the bootstrap loader). */
    String loader(long id) {
        if (id == 0) {
            return BOOTSTRAP;
        }
        if (loaderNames == null) {
            loaderNames = nameLoaders();
        }
        String n = loaderNames.get(id);
        return n != null ? n : "(class loader not in the dump)";
    }

    /** Names the loaders by class, numbering those that share a class in the order the dump names them. */
    private Map<Long, String> nameLoaders() {
        Map<Long, String> out = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (long id : loaders) {
            Integer ci = loaderClass.get(id);
            if (ci == null) {
                continue;
            }
            String cls = classes.name(classes.get(ci));
            int k = seen.merge(cls, 1, Integer::sum);
            out.put(id, k == 1 ? cls : cls + " #" + k);
        }
        return out;
    }
}
