package io.github.heapdiff.formats.hprof;

/**
 * Malformed content found away from the parser's current position (a class dump checked after
 * the fact, an id that points nowhere); the reader turns it into the read exception.
 */
final class HprofProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String expected;
    private final String found;

    HprofProblem(long offset, String expected, String found) {
        super(expected, null, false, false);
        this.offset = offset;
        this.expected = expected;
        this.found = found;
    }

    long offset() {
        return offset;
    }

    String expected() {
        return expected;
    }

    String found() {
        return found;
    }
}
