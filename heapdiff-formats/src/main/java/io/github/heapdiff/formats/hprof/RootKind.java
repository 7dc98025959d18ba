package io.github.heapdiff.formats.hprof;

/**
 * The kinds of GC root an HPROF heap dump records (HotSpot's and Android's), with each
 * sub-record's layout after the object id.
 */
enum RootKind {
    /** 0xFF: a root of unknown kind. */
    UNKNOWN(0xFF, "ROOT UNKNOWN", 0, 0),
    /** 0x01: a JNI global reference; followed by the JNI global reference id. */
    JNI_GLOBAL(0x01, "ROOT JNI GLOBAL", 1, 0),
    /** 0x02: a JNI local reference; thread serial number and stack frame number. */
    JNI_LOCAL(0x02, "ROOT JNI LOCAL", 0, 8),
    /** 0x03: a local variable of a Java frame; thread serial number and stack frame number. */
    JAVA_FRAME(0x03, "ROOT JAVA FRAME", 0, 8),
    /** 0x04: a native stack reference; thread serial number. */
    NATIVE_STACK(0x04, "ROOT NATIVE STACK", 0, 4),
    /** 0x05: a system class. */
    STICKY_CLASS(0x05, "ROOT STICKY CLASS", 0, 0),
    /** 0x06: a reference from a thread block; thread serial number. */
    THREAD_BLOCK(0x06, "ROOT THREAD BLOCK", 0, 4),
    /** 0x07: an object whose monitor is held. */
    MONITOR_USED(0x07, "ROOT MONITOR USED", 0, 0),
    /** 0x08: a thread; thread serial number and stack trace serial number. */
    THREAD_OBJECT(0x08, "ROOT THREAD OBJECT", 0, 8),
    /** 0x89 (Android): an interned string. */
    INTERNED_STRING(0x89, "ROOT INTERNED STRING", 0, 0),
    /** 0x8A (Android): an object awaiting finalization. */
    FINALIZING(0x8A, "ROOT FINALIZING", 0, 0),
    /** 0x8B (Android): an object held by the debugger. */
    DEBUGGER(0x8B, "ROOT DEBUGGER", 0, 0),
    /** 0x8C (Android): an object awaiting reference cleanup. */
    REFERENCE_CLEANUP(0x8C, "ROOT REFERENCE CLEANUP", 0, 0),
    /** 0x8D (Android): an object held by the VM itself. */
    VM_INTERNAL(0x8D, "ROOT VM INTERNAL", 0, 0),
    /** 0x8E (Android): a monitor held through JNI; thread serial number and stack depth. */
    JNI_MONITOR(0x8E, "ROOT JNI MONITOR", 0, 8),
    /** 0x90 (Android): an object recorded as unreachable; not a root that retains. */
    UNREACHABLE(0x90, "UNREACHABLE", 0, 0);

    private static final RootKind[] BY_TAG = new RootKind[256];

    static {
        for (RootKind k : values()) {
            BY_TAG[k.tag] = k;
        }
    }

    private final int tag;
    private final String recordName;
    private final int extraIds;
    private final int extraBytes;

    RootKind(int tag, String recordName, int extraIds, int extraBytes) {
        this.tag = tag;
        this.recordName = recordName;
        this.extraIds = extraIds;
        this.extraBytes = extraBytes;
    }

    /** The kind with sub-record {@code tag}, or null when the tag is not a root's. */
    static RootKind of(int tag) {
        return tag >= 0 && tag < 256 ? BY_TAG[tag] : null;
    }

    /** The sub-record tag. */
    int tag() {
        return tag;
    }

    /** The sub-record's name, for messages and metadata. */
    String recordName() {
        return recordName;
    }

    /** The bytes after the tag: the object id, extra ids and fixed extra bytes. */
    int bodySize(int idSize) {
        return idSize * (1 + extraIds) + extraBytes;
    }

    /** Returns true when the root keeps its object alive (every kind but {@link #UNREACHABLE}). */
    boolean retains() {
        return this != UNREACHABLE;
    }
}
