package io.github.heapdiff.formats.hprof;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A named model of how a VM lays out objects, used to estimate the shallow sizes HPROF does not
 * record: object header size, reference size, array header size and alignment, and HotSpot's
 * field layout (JDK 15 and later: fields of a class fill gaps left by its superclasses, larger
 * fields first, then references).
 *
 * <p>Estimates miss what a dump leaves out: fields the VM injects (such as a class loader's
 * {@code loader_data}) are not written to HPROF, so the few JDK classes that have them are
 * estimated a little small. Older JDKs (8 to 14) lay out some classes with more padding.
 */
enum SizeModel {

    /** 64-bit HotSpot with compressed oops and compressed class pointers (heaps under 32 GB): the default. */
    HOTSPOT_64_COOPS("hotspot-64-coops",
            "64-bit HotSpot, compressed oops and class pointers (12-byte headers, 4-byte references)", 12, 4, 16, 16),
    /** 64-bit HotSpot (JDK 15+) with compressed class pointers but full oops (heaps of 32 GB and more). */
    HOTSPOT_64_CCP("hotspot-64-ccp",
            "64-bit HotSpot, compressed class pointers only (12-byte headers, 8-byte references)", 12, 8, 16, 16),
    /** 64-bit HotSpot without any compression. */
    HOTSPOT_64("hotspot-64", "64-bit HotSpot, no compression (16-byte headers, 8-byte references)", 16, 8, 24, 24),
    /** 32-bit HotSpot. */
    HOTSPOT_32("hotspot-32", "32-bit HotSpot (8-byte headers, 4-byte references)", 8, 4, 12, 16),
    /** Android's ART: instance sizes as its class dumps record them, 8-byte headers, 4-byte references. */
    ANDROID("android", "Android ART (instance sizes from the class dumps, 8-byte headers, 4-byte references)",
            8, 4, 12, 16);

    /** Objects start at multiples of this many bytes. */
    static final int ALIGNMENT = 8;

    /** The 64-bit HotSpot models object spacing can tell apart, in order of preference. */
    static final SizeModel[] SPACING_CANDIDATES = {HOTSPOT_64_COOPS, HOTSPOT_64_CCP, HOTSPOT_64};

    private final String id;
    private final String description;
    private final int headerSize;
    private final int referenceSize;
    private final int arrayBase;
    private final int arrayBaseWide;

    SizeModel(String id, String description, int headerSize, int referenceSize, int arrayBase, int arrayBaseWide) {
        this.id = id;
        this.description = description;
        this.headerSize = headerSize;
        this.referenceSize = referenceSize;
        this.arrayBase = arrayBase;
        this.arrayBaseWide = arrayBaseWide;
    }

    /** The model's name, as the setting {@code hprof.size-model} takes it and snapshot metadata records it. */
    String id() {
        return id;
    }

    /** A one-line description. */
    String description() {
        return description;
    }

    /** The object header size in bytes. */
    int headerSize() {
        return headerSize;
    }

    /** The size of a reference field or array slot in bytes. */
    int referenceSize() {
        return referenceSize;
    }

    /** The offset of element 0 in an array of elements of {@code elementSize} bytes. */
    int arrayBase(int elementSize) {
        return elementSize == 8 ? arrayBaseWide : arrayBase;
    }

    /** Returns true when instance sizes come from the class dumps' instance size field. */
    boolean usesClassDumpSizes() {
        return this == ANDROID;
    }

    /**
     * The size of an array of {@code length} elements of {@code elementSize} bytes, aligned.
     * {@code length} may be any unsigned 32-bit count; the result does not overflow.
     */
    long arraySize(long length, int elementSize) {
        return align(arrayBase(elementSize) + length * elementSize);
    }

    /** The size in this model of a field of HPROF basic {@code type}. */
    int fieldSize(int type) {
        return type == Hprof.OBJECT ? referenceSize : Hprof.primitiveSize(type);
    }

    /** Rounds {@code size} up to {@link #ALIGNMENT}. */
    static long align(long size) {
        return (size + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** The padding {@code size} needs to reach the next multiple of {@link #ALIGNMENT}. */
    static int padding(long size) {
        return (int) ((ALIGNMENT - (size & (ALIGNMENT - 1))) & (ALIGNMENT - 1));
    }

    /** The model named {@code id} (case-insensitive). */
    static Optional<SizeModel> byId(String id) {
        String want = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(want)).findFirst();
    }

    /** The names of all models, for messages. */
    static String ids() {
        return Arrays.stream(values()).map(SizeModel::id).collect(Collectors.joining(", "));
    }
}
