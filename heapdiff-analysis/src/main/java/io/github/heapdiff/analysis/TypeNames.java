package io.github.heapdiff.analysis;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a type name says by its form alone: whether it is a generic container or value type of the
 * runtime (V8's {@code Array}, {@code Object}, {@code (string)}; Java's arrays, boxes, strings and
 * {@code java.util} collections) and, for Java binary names, its package.
 *
 * <p>Generic types are shared by all code, so their growth is usually a consequence of whatever
 * holds them: they are never chosen as the suspect of a cluster, and they are linked to any
 * suspect whose growth they track. The lists are about the runtimes, never about an application.
 */
final class TypeNames {

    private TypeNames() {
    }

    /** V8 constructor and pseudo-names of containers and values. */
    private static final Set<String> V8_GENERIC = Set.of(
            "Object", "Array", "Map", "Set", "WeakMap", "WeakSet", "Function",
            "(array)", "(object properties)", "(object elements)", "(string)", "(concatenated string)",
            "(sliced string)", "(number)", "(heap number)", "(bigint)", "(symbol)", "(system)", "(hidden)",
            "(code)", "(compiled code)", "(object shape)", "(closure)", "(regexp)",
            "system / Context", "system / Map", "system / PropertyArray", "system / FixedArray");

    /** Java classes in java.lang that are values or roots of everything. */
    private static final Set<String> JAVA_LANG_GENERIC = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean",
            "java.lang.StringBuilder", "java.lang.StringBuffer", "java.lang.Class");

    /** Java packages whose classes are runtime infrastructure (collections, references, concurrency). */
    private static final Set<String> JAVA_GENERIC_PACKAGES = Set.of(
            "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks",
            "java.lang.ref", "java.math");

    /** Java package prefixes of the platform itself. */
    private static final String[] PLATFORM_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "[", "byte[]",
        "char[]", "short[]", "int[]", "long[]", "float[]", "double[]", "boolean[]"};

    /** Returns {@code type} without a module suffix such as {@code " (java.base@17.0.15)"} that histograms append. */
    static String plain(String type) {
        int space = type.indexOf(" (");
        return space > 0 && type.endsWith(")") && !type.startsWith("(") ? type.substring(0, space) : type;
    }

    /** Returns true when {@code type} is a generic container or value type of V8 or the JVM. */
    static boolean isGeneric(String type) {
        String t = plain(type);
        if (V8_GENERIC.contains(t) || t.startsWith("system / ")) {
            return true;
        }
        if (isJavaArray(t) || JAVA_LANG_GENERIC.contains(t)) {
            return true;
        }
        return javaPackage(t).map(TypeNames::isGenericPackage).orElse(false);
    }

    private static boolean isGenericPackage(String pkg) {
        return JAVA_GENERIC_PACKAGES.contains(pkg);
    }

    /** Returns true for a Java array name, in binary ({@code [J}, {@code [Ljava.lang.Object;}) or source form ({@code long[]}). */
    static boolean isJavaArray(String type) {
        return type.startsWith("[") || type.endsWith("[]");
    }

    /** Returns true when {@code type} belongs to the Java platform ({@code java.*}, {@code jdk.*}, arrays, ...). */
    static boolean isJavaPlatform(String type) {
        String t = plain(type);
        for (String p : PLATFORM_PREFIXES) {
            if (t.startsWith(p)) {
                return true;
            }
        }
        return t.endsWith("[]") && isJavaPlatform(t.substring(0, t.length() - 2));
    }

    /**
     * The package of a Java binary class name ({@code acme.tracing} for {@code acme.tracing.Timer} and
     * {@code acme.tracing.JvmLeak$Genre}); empty for names that are not Java class names.
     */
    static Optional<String> javaPackage(String type) {
        String t = plain(type);
        if (isJavaArray(t)) {
            String element = t.startsWith("[L") && t.endsWith(";") ? t.substring(2, t.length() - 1)
                    : t.endsWith("[]") ? t.substring(0, t.indexOf('[')) : "";
            return element.isEmpty() ? Optional.empty() : javaPackage(element);
        }
        int dot = t.lastIndexOf('.');
        if (dot <= 0 || dot == t.length() - 1) {
            return Optional.empty();
        }
        String pkg = t.substring(0, dot);
        for (String part : pkg.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return Optional.empty();
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(pkg);
    }

    /** The simple name of a type: the last segment of a Java name, without outer classes; the name itself otherwise. */
    static String simpleName(String type) {
        String t = plain(type);
        int cut = Math.max(t.lastIndexOf('.'), t.lastIndexOf('$'));
        return cut >= 0 && cut < t.length() - 1 ? t.substring(cut + 1) : t;
    }

    /** A name reduced for comparison: lower case letters and digits only. */
    static String normalized(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The number of leading package segments two Java names share ({@code acme.tracing.A} and
     * {@code acme.tracing.util.B} share 2); 0 when either is not a Java class name.
     */
    static int sharedPackageSegments(String a, String b) {
        Optional<String> pa = javaPackage(a);
        Optional<String> pb = javaPackage(b);
        if (pa.isEmpty() || pb.isEmpty()) {
            return 0;
        }
        String[] sa = pa.get().split("\\.");
        String[] sb = pb.get().split("\\.");
        int n = 0;
        while (n < sa.length && n < sb.length && sa[n].equals(sb[n])) {
            n++;
        }
        return n;
    }

    /**
     * The distinctive prefix of a property name, such as {@code nr_} in {@code nr_exclusive_duration_millis}:
     * two or more letters followed by an underscore at the start; empty when there is none.
     */
    static Optional<String> namePrefix(String property) {
        int i = 0;
        while (i < property.length() && (Character.isLetter(property.charAt(i)) || property.charAt(i) == '$')) {
            i++;
        }
        if (i >= 2 && i < property.length() - 1 && property.charAt(i) == '_') {
            return Optional.of(property.substring(0, i + 1));
        }
        return Optional.empty();
    }
}
