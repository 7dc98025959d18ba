package io.github.heapdiff.formats.hprof;

/**
 * What the dump says about one class: its LOAD CLASS name and its CLASS DUMP (superclass,
 * loader, static fields, instance field layout), plus what the reader derives once the whole
 * superclass chain is known. Mutable while reading; owned by the {@link ClassTable}.
 */
final class ClassInfo {

    static final byte[] NO_TYPES = new byte[0];
    static final long[] NO_IDS = new long[0];
    static final int[] NO_INTS = new int[0];

    /** The class object id. */
    final long id;
    /** The dense index in the class table. */
    final int index;

    /** The STRING id of the name from LOAD CLASS, or 0 when no LOAD CLASS named it. */
    long nameId;
    /** The binary name {@link ClassTable#name} made from the string in slot {@link #nameSlot} of the string table, or null. */
    String name;
    int nameSlot;
    /** Where the (last) LOAD CLASS record for the class starts, or -1. */
    long loadOffset = -1;

    /** Where the CLASS DUMP sub-record starts, or -1 when the class has none (yet). */
    long dumpOffset = -1;
    long superId;
    long loaderId;
    long signersId;
    long protectionDomainId;
    /** The instance size the class dump records: HPROF field bytes (HotSpot) or the object size (ART). */
    long recordedInstanceSize;
    /** The instance fields declared by this class, in dump order: basic types and name string ids. */
    byte[] fieldTypes = NO_TYPES;
    long[] fieldNames = NO_IDS;
    /** The static fields, in dump order: basic types, name string ids, values (ids for references, raw bits otherwise). */
    byte[] staticTypes = NO_TYPES;
    long[] staticNames = NO_IDS;
    long[] staticValues = NO_IDS;
    /** The bytes of the static values as written. */
    long staticRawBytes;

    /** True once the class and all its superclasses have class dumps. */
    boolean resolved;
    /** The HPROF field bytes of one instance: this class's fields and all superclasses'. */
    long instanceFieldBytes = -1;
    /** Per {@link SizeModel} ordinal: the field layout, for subclasses to extend. */
    FieldLayout[] layouts;
    /** Per {@link SizeModel} ordinal: the estimated instance size. */
    long[] instanceSizes;
    /**
     * Offsets, within an INSTANCE DUMP's field bytes, of the reference fields of the class and its
     * superclasses (own class first, as the dump writes them), with the name string id of each:
     * what a graph builder needs to emit named edges without decoding anything else.
     */
    int[] referenceOffsets = NO_INTS;
    long[] referenceNames = NO_IDS;

    /** For instances read before the class was resolved: the first field byte count, its offset, and whether counts varied. */
    long pendingLength = -1;
    long pendingOffset = -1;
    boolean pendingVaries;

    ClassInfo(long id, int index) {
        this.id = id;
        this.index = index;
    }

    /** Returns true when the class has a CLASS DUMP. */
    boolean dumped() {
        return dumpOffset >= 0;
    }
}
