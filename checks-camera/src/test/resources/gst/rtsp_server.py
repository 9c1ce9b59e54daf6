#!/usr/bin/env python3
"""GStreamer RTSP server for RtspGstreamerIT: one mount serving a test pattern as RTP/JPEG.

Binds 127.0.0.1 only. Usage:
  rtsp_server.py --port 8554 --mount /live [--auth none|basic|digest] [--user U --password P]
                 [--realm R]
Prints "READY <port>" once listening; runs until killed. Needs python3-gi and
gir1.2-gst-rtsp-server-1.0 (plus gstreamer1.0-plugins-base/-good for videotestsrc, jpegenc,
rtpjpegpay).
"""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--mount", default="/live")
    p.add_argument("--auth", choices=["none", "basic", "digest"], default="none")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin")
    p.add_argument("--realm", default="")
    a = p.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(a.port))

    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( videotestsrc is-live=true ! video/x-raw,format=I420,width=160,height=120,framerate=5/1"
        " ! jpegenc ! rtpjpegpay name=pay0 pt=26 )"
    )
    factory.set_shared(True)

    if a.auth != "none":
        auth = GstRtspServer.RTSPAuth()
        if a.realm:
            auth.set_realm(a.realm)
        token = GstRtspServer.RTSPToken.new()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "user")
        if a.auth == "basic":
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(a.user, a.password), token)
        else:
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
            auth.add_digest(a.user, a.password, token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions.new()
        permissions.add_permission_for_role("user", "media.factory.access", True)
        permissions.add_permission_for_role("user", "media.factory.construct", True)
        factory.set_permissions(permissions)

    server.get_mount_points().add_factory(a.mount, factory)
    if server.attach(None) == 0:
        print("FAILED to bind 127.0.0.1:%d" % a.port, flush=True)
        sys.exit(2)
    print("READY %d" % a.port, flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
