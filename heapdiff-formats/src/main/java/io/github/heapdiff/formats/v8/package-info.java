/** The V8 heap snapshot reader ({@code v8-heapsnapshot}). */
package io.github.heapdiff.formats.v8;
