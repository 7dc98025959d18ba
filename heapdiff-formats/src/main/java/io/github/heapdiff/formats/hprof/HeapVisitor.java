package io.github.heapdiff.formats.hprof;

/**
 * Receives the roots, classes and objects of a heap dump as the {@link HprofParser} decodes
 * them, in file order: the seam between record decoding and what is built from it (a class
 * histogram in summary mode; nodes, edges and roots for the graph engine in graph mode).
 *
 * <p>Object ids are the dump's identifiers (addresses for HotSpot), unsigned, as {@code long}.
 * Classes are passed as dense indexes into the parser's {@link ClassTable}; an object may come
 * before its class's CLASS DUMP, so a class may still be unresolved when its instances arrive.
 */
interface HeapVisitor {

    /**
     * Returns true when {@link #instance} needs the field bytes: the parser then buffers them at
     * {@code in.pos} before the call. Otherwise it skips them unread.
     */
    default boolean wantsFieldBytes() {
        return false;
    }

    /**
     * Returns true when {@link #objectArray} reads the elements: they follow at the input's
     * position and the visitor may read any prefix of them with {@link HprofInput#id}; the parser
     * skips the rest.
     */
    default boolean wantsArrayElements() {
        return false;
    }

    /**
     * Returns true when the visitor needs object ids at this point of the read; when false it may
     * be passed 0 instead. Asked now and then (once per buffer), not per object, so the answer may
     * change as the read goes on.
     */
    default boolean wantsObjectIds() {
        return true;
    }

    /** Called once after the file header, before any record: the dump's identifier size and tables. */
    default void start(int idSize, ClassTable classes, StringTable strings) {
    }

    /** A GC root sub-record (its object id is always given). */
    void root(RootKind kind, long objectId);

    /** A CLASS DUMP, already registered (and possibly resolved) in the class table. */
    void classDump(ClassInfo c);

    /**
     * An INSTANCE DUMP of class {@code classIndex} with {@code length} field bytes (already checked
     * against the class layout when the class is resolved). The visitor must not move the input.
     */
    void instance(long objectId, int classIndex, long length, HprofInput in);

    /** An OBJ ARRAY DUMP of {@code length} elements whose array class is {@code classIndex}. */
    void objectArray(long objectId, int classIndex, long length, HprofInput in);

    /**
     * A PRIM ARRAY DUMP of {@code length} elements of basic {@code type}; {@code withData} is false
     * for Android's PRIM ARRAY NODATA DUMP. The parser skips the elements.
     */
    void primitiveArray(long objectId, int type, long length, boolean withData);

    /** Android's HEAP DUMP INFO: the objects that follow belong to heap {@code name} ({@code app}, {@code zygote}, {@code image}). */
    void heap(int heapId, String name);
}
