package io.github.heapdiff.formats.hprof;

/**
 * Turns the class names an HPROF dump writes into Java binary names: HotSpot's internal names
 * ({@code acme/tracing/JvmLeak$Genre}, {@code [Ljava/lang/Object;}, {@code [[I}) and Android's
 * readable ones ({@code java.lang.String[]}) both become {@code acme.tracing.JvmLeak$Genre},
 * {@code java.lang.Object[]}, {@code int[][]}. Hidden classes keep the suffix the dump gives them
 * ({@code Foo$$Lambda$18+0x0000000800c01000}).
 */
final class ClassNames {

    private ClassNames() {
    }

    /** The binary name for the dump's {@code name}; a name that is not a valid descriptor is only dotted. */
    static String binaryName(String name) {
        String dotted = name.replace('/', '.');
        if (dotted.isEmpty() || dotted.charAt(0) != '[') {
            return dotted;
        }
        int dims = 0;
        while (dims < dotted.length() && dotted.charAt(dims) == '[') {
            dims++;
        }
        String rest = dotted.substring(dims);
        String element;
        if (rest.length() == 1 && primitive(rest.charAt(0)) != null) {
            element = primitive(rest.charAt(0));
        } else if (rest.length() > 2 && rest.charAt(0) == 'L' && rest.charAt(rest.length() - 1) == ';') {
            element = rest.substring(1, rest.length() - 1);
        } else {
            return dotted;
        }
        return element + "[]".repeat(dims);
    }

    /** Returns true when binary name {@code binary} names an array class. */
    static boolean isArray(String binary) {
        return binary.endsWith("[]");
    }

    /** The name of the primitive type with descriptor character {@code c}, or null. */
    private static String primitive(char c) {
        return switch (c) {
            case 'Z' -> "boolean";
            case 'C' -> "char";
            case 'F' -> "float";
            case 'D' -> "double";
            case 'B' -> "byte";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            default -> null;
        };
    }
}
