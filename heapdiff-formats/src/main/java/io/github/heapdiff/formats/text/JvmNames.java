package io.github.heapdiff.formats.text;

import java.util.Optional;

/** Turns the class names HotSpot prints into Java names: descriptors to {@code int[][]}, hidden-class suffixes dropped. */
final class JvmNames {

    /** More array dimensions than the JVM allows (255) is not a class name. */
    private static final int MAX_DIMENSIONS = 255;

    private JvmNames() {
    }

    /**
     * The Java name for a printed class name: {@code [B} is {@code byte[]}, {@code [[I} is
     * {@code int[][]}, {@code [Ljava.lang.Object;} is {@code java.lang.Object[]}, and
     * {@code Foo$$Lambda$18/0x800000028} is {@code Foo$$Lambda$18}; other names are kept. Returns
     * null for a malformed descriptor.
     */
    static String javaName(String printed) {
        int dims = 0;
        while (dims < printed.length() && printed.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return printed.isEmpty() ? null : withoutHiddenSuffix(printed);
        }
        if (dims > MAX_DIMENSIONS) {
            return null;
        }
        String element = printed.substring(dims);
        String base;
        switch (element) {
            case "Z" -> base = "boolean";
            case "B" -> base = "byte";
            case "C" -> base = "char";
            case "S" -> base = "short";
            case "I" -> base = "int";
            case "J" -> base = "long";
            case "F" -> base = "float";
            case "D" -> base = "double";
            default -> {
                if (element.length() < 3 || element.charAt(0) != 'L' || element.charAt(element.length() - 1) != ';'
                        || element.indexOf(';') != element.length() - 1 || element.charAt(1) == '[') {
                    return null;
                }
                base = withoutHiddenSuffix(element.substring(1, element.length() - 1));
            }
        }
        return base + "[]".repeat(dims);
    }

    /**
     * {@code Foo$$Lambda$18/0x800000028} (a JDK 15+ hidden class) or {@code Foo$$Lambda$1/1915318863}
     * (a JDK 8 VM-anonymous class) without the part from the slash; a slash cannot occur in a
     * binary class name otherwise.
     */
    static String withoutHiddenSuffix(String name) {
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1) {
            return name;
        }
        String suffix = name.substring(slash + 1);
        String digits = suffix.startsWith("0x") ? suffix.substring(2) : suffix;
        boolean hex = suffix.startsWith("0x");
        if (digits.isEmpty()) {
            return name;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), hex ? 16 : 10) < 0 || digits.charAt(i) > 'f') {
                return name;
            }
        }
        return name.substring(0, slash);
    }

    /** The package of a Java class name, or of an array's element class; empty for primitives and the default package. */
    static Optional<String> packageOf(String javaName) {
        String element = javaName;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        int dot = element.lastIndexOf('.');
        return dot > 0 && !element.startsWith("<") ? Optional.of(element.substring(0, dot)) : Optional.empty();
    }
}
