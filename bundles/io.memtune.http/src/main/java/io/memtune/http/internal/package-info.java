/** The HTTP endpoints' DS components (private): /render and /static, in front of the execution optimizer and the template service. */
package io.memtune.http.internal;
