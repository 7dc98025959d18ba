package io.github.heapdiff.formats.hprof;

/** Record tags, heap sub-record tags and basic types of the HPROF format, with their names. */
final class Hprof {

    private Hprof() {
    }

    // Top-level record tags.
    static final int STRING = 0x01;
    static final int LOAD_CLASS = 0x02;
    static final int UNLOAD_CLASS = 0x03;
    static final int STACK_FRAME = 0x04;
    static final int STACK_TRACE = 0x05;
    static final int ALLOC_SITES = 0x06;
    static final int HEAP_SUMMARY = 0x07;
    static final int START_THREAD = 0x0A;
    static final int END_THREAD = 0x0B;
    static final int HEAP_DUMP = 0x0C;
    static final int CPU_SAMPLES = 0x0D;
    static final int CONTROL_SETTINGS = 0x0E;
    static final int HEAP_DUMP_SEGMENT = 0x1C;
    static final int HEAP_DUMP_END = 0x2C;

    // Heap dump sub-record tags (the roots are in RootKind).
    static final int CLASS_DUMP = 0x20;
    static final int INSTANCE_DUMP = 0x21;
    static final int OBJ_ARRAY_DUMP = 0x22;
    static final int PRIM_ARRAY_DUMP = 0x23;
    /** Android: an array whose elements were left out of the dump. */
    static final int PRIM_ARRAY_NODATA_DUMP = 0xC3;
    /** Android: the heap (app, image, zygote) the following objects belong to. */
    static final int HEAP_DUMP_INFO = 0xFE;

    // Basic types.
    static final int OBJECT = 2;
    static final int BOOLEAN = 4;
    static final int CHAR = 5;
    static final int FLOAT = 6;
    static final int DOUBLE = 7;
    static final int BYTE = 8;
    static final int SHORT = 9;
    static final int INT = 10;
    static final int LONG = 11;

    private static final int[] PRIMITIVE_SIZE = {0, 0, 0, 0, 1, 2, 4, 8, 1, 2, 4, 8};
    private static final String[] PRIMITIVE_NAME = {null, null, null, null, "boolean", "char", "float", "double",
        "byte", "short", "int", "long"};

    /** Returns true when {@code type} is a primitive basic type (4 to 11). */
    static boolean isPrimitive(int type) {
        return type >= BOOLEAN && type <= LONG;
    }

    /** Returns true when {@code type} is a basic type: object (2) or primitive (4 to 11). */
    static boolean isBasicType(int type) {
        return type == OBJECT || isPrimitive(type);
    }

    /** The size in bytes of a primitive basic type. */
    static int primitiveSize(int type) {
        return PRIMITIVE_SIZE[type];
    }

    /** The Java name of a primitive basic type, such as {@code long}. */
    static String primitiveName(int type) {
        return PRIMITIVE_NAME[type];
    }

    /** The size of a value of basic {@code type} as written with {@code idSize}-byte identifiers. */
    static int valueSize(int type, int idSize) {
        return type == OBJECT ? idSize : PRIMITIVE_SIZE[type];
    }

    /** The name of a top-level record tag, for messages. */
    static String recordName(int tag) {
        return switch (tag) {
            case STRING -> "STRING";
            case LOAD_CLASS -> "LOAD CLASS";
            case UNLOAD_CLASS -> "UNLOAD CLASS";
            case STACK_FRAME -> "STACK FRAME";
            case STACK_TRACE -> "STACK TRACE";
            case ALLOC_SITES -> "ALLOC SITES";
            case HEAP_SUMMARY -> "HEAP SUMMARY";
            case START_THREAD -> "START THREAD";
            case END_THREAD -> "END THREAD";
            case HEAP_DUMP -> "HEAP DUMP";
            case CPU_SAMPLES -> "CPU SAMPLES";
            case CONTROL_SETTINGS -> "CONTROL SETTINGS";
            case HEAP_DUMP_SEGMENT -> "HEAP DUMP SEGMENT";
            case HEAP_DUMP_END -> "HEAP DUMP END";
            default -> String.format("unknown record 0x%02X", tag);
        };
    }

    /** Returns true when {@code tag} is a top-level record tag the HPROF format defines. */
    static boolean isKnownRecord(int tag) {
        return (tag >= STRING && tag <= HEAP_SUMMARY) || (tag >= START_THREAD && tag <= CONTROL_SETTINGS)
                || tag == HEAP_DUMP_SEGMENT || tag == HEAP_DUMP_END;
    }

    /** The name of a heap dump sub-record tag, for messages. */
    static String subRecordName(int tag) {
        RootKind root = RootKind.of(tag);
        if (root != null) {
            return root.recordName();
        }
        return switch (tag) {
            case CLASS_DUMP -> "CLASS DUMP";
            case INSTANCE_DUMP -> "INSTANCE DUMP";
            case OBJ_ARRAY_DUMP -> "OBJ ARRAY DUMP";
            case PRIM_ARRAY_DUMP -> "PRIM ARRAY DUMP";
            case PRIM_ARRAY_NODATA_DUMP -> "PRIM ARRAY NODATA DUMP";
            case HEAP_DUMP_INFO -> "HEAP DUMP INFO";
            default -> String.format("unknown sub-record 0x%02X", tag);
        };
    }

    /** Returns true when {@code tag} starts a heap dump sub-record. */
    static boolean isSubRecord(int tag) {
        return RootKind.of(tag) != null || (tag >= CLASS_DUMP && tag <= PRIM_ARRAY_DUMP)
                || tag == PRIM_ARRAY_NODATA_DUMP || tag == HEAP_DUMP_INFO;
    }
}
