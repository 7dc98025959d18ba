/**
 * The HPROF reader (format id {@code hprof}): HotSpot and Android heap dumps, "JAVA PROFILE
 * 1.0.1", "1.0.2" and "1.0.3", with 4- or 8-byte identifiers.
 *
 * <p>{@link io.github.heapdiff.formats.hprof.HprofReader} is the only public type. Inside, one
 * streaming pass: {@code HprofInput} reads big-endian values through one buffer and knows every
 * byte's offset; {@code HprofParser} decodes records and heap sub-records, checks every length
 * against the layout it implies, keeps the STRING records ({@code StringTable}) and the classes
 * ({@code ClassTable}: names, class dumps, superclass chains resolved in any order, field layouts
 * under every {@code SizeModel}, reference field offsets), and hands roots, classes and objects to
 * a {@code HeapVisitor}. The summary visitor, {@code HistogramVisitor}, counts objects and bytes
 * per class; a graph visitor will stream the same events, with the references decoded by
 * {@code ClassTable.references}, into the core graph engine.
 */
package io.github.heapdiff.formats.hprof;
