/**
 * The HPROF reader (format id {@code hprof}): HotSpot and Android heap dumps, "JAVA PROFILE
 * 1.0.1", "1.0.2" and "1.0.3", with 4- or 8-byte identifiers.
 *
 * <p>The reader streams the file once. {@link io.github.heapdiff.formats.hprof.HprofReader} is the
 * only public type; the record decoding ({@code HprofParser}), the class table with its field
 * layouts ({@code ClassTable}), the named size models ({@code SizeModel}) and the class histogram
 * ({@code HistogramVisitor}) are package-private.
 */
package io.github.heapdiff.formats.hprof;
