/**
 * Security checks for network cameras: the entry point {@link dev.tenken.camera.CameraChecks}, the
 * service probes that recognise camera protocols (RTSP), and, in later releases, the checks for
 * unauthenticated video streams, default credentials on RTSP, ONVIF and web panels, and firmware
 * with known vulnerabilities.
 */
@NullMarked
package dev.tenken.camera;

import org.jspecify.annotations.NullMarked;
