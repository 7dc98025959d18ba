/**
 * Readers of text listings: mdb_v8 and llnode {@code findjsobjects} summaries and HotSpot class
 * histograms ({@code jmap -histo}, {@code jcmd GC.class_histogram}).
 *
 * <p>Each reader streams its input line by line, groups rows natively (the listings are already
 * summaries) and reports a malformed line with its number and text. They are registered with
 * {@link java.util.ServiceLoader}; their classes are public only for that.
 */
package io.github.heapdiff.formats.text;
