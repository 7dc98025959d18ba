package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a type comes from, as far as the dump tells: the library, package or script that
 * defines it.
 *
 * <p>Examples: for a V8 object, the npm package {@code newrelic} with the location of the
 * constructor's script; for a Java class, its package {@code acme.tracing} with its class
 * loader. Immutable and thread-safe.
 *
 * @param name the library, package or script name, never empty
 * @param location a more precise location (script path, class loader, module), when known
 * @param basis how the origin was found, as a short phrase ({@code "constructor script"}, {@code "class package"})
 */
public record Origin(String name, Optional<String> location, String basis) {

    /** Validates the origin. */
    public Origin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(basis, "basis");
        checkArgument(!name.isEmpty(), "an origin's name must not be empty");
    }

    /** Renders the origin on one line: {@code newrelic (constructor script: /app/node_modules/newrelic/lib/x.js)}. */
    public String render() {
        return location.map(l -> name + " (" + basis + ": " + l + ")").orElse(name + " (" + basis + ")");
    }

    @Override
    public String toString() {
        return render();
    }
}
