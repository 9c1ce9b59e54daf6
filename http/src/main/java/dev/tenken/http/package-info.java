/**
 * The one HTTP client every Tenken check module uses: {@link dev.tenken.http.HttpProbe}, built from
 * a check's {@link dev.tenken.spi.CheckContext} so that scope, deadlines, byte caps, the print-port
 * guard and redirect rules hold for HTTP exactly as for raw sockets; and the service probes that
 * identify HTTP and TLS ports ({@link dev.tenken.http.HttpServiceProbe}, {@link
 * dev.tenken.http.TlsServiceProbe}).
 */
@NullMarked
package dev.tenken.http;

import org.jspecify.annotations.NullMarked;
