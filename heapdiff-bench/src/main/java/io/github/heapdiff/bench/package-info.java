/** Benchmark mains for heapdiff; see the README's performance section for how to run them. */
package io.github.heapdiff.bench;
