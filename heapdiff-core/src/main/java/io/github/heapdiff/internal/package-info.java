/**
 * Code shared by heapdiff's own modules: not part of the API, may change in any release.
 */
package io.github.heapdiff.internal;
