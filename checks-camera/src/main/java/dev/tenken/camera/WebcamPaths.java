package dev.tenken.camera;

import java.util.List;

/**
 * The data of the MJPEG stream and JPEG snapshot checks: common paths where camera and webcam
 * software serves live video or a still image, each with the products known to use it. Kept short
 * on purpose (each path is one request per port): the paths below cover the web servers of
 * mjpg-streamer, webcamXP / Webcam 7, Motion, Android IP Webcam, Axis, Foscam/Netwave, Dahua and
 * Amcrest, Panasonic, Hikvision, Reolink, XMeye and many unbranded cameras.
 */
final class WebcamPaths {
  /** One path and who serves it (for the evidence and the reader). */
  record Path(String path, String products) {}

  /**
   * MJPEG streams ({@code multipart/x-mixed-replace} of JPEG parts), in the order they are tried;
   * the root last, since Motion's stream port answers any path with its stream but most servers
   * answer {@code /} with a page.
   */
  static final List<Path> STREAMS =
      List.of(
          new Path("/?action=stream", "mjpg-streamer"),
          new Path("/video.mjpg", "generic MJPEG servers, yawcam"),
          new Path("/mjpg/video.mjpg", "Axis"),
          new Path("/axis-cgi/mjpg/video.cgi", "Axis (VAPIX)"),
          new Path("/videostream.cgi", "Foscam, Netwave and their clones"),
          new Path("/cgi-bin/mjpg/video.cgi", "Dahua, Amcrest"),
          new Path("/nphMotionJpeg?Resolution=320x240&Quality=Standard", "Panasonic"),
          new Path("/video", "Android IP Webcam"),
          new Path("/cam_1.cgi", "webcamXP, Webcam 7"),
          new Path("/stream", "generic MJPEG servers"),
          new Path("/", "Motion stream port, MJPEG-only servers"));

  /** JPEG still images, in the order they are tried. */
  static final List<Path> SNAPSHOTS =
      List.of(
          new Path("/snap.jpg", "unbranded cameras"),
          new Path("/snapshot.jpg", "Foscam, D-Link, unbranded cameras"),
          new Path("/tmpfs/auto.jpg", "Hi3510-based cameras (Wanscam, Sricam, Hipcam)"),
          new Path("/cgi-bin/snapshot.cgi", "Dahua, Amcrest, Foscam"),
          new Path("/ISAPI/Streaming/channels/101/picture", "Hikvision (ISAPI)"),
          new Path("/Streaming/channels/1/picture", "Hikvision (PSIA)"),
          new Path("/axis-cgi/jpg/image.cgi", "Axis (VAPIX)"),
          new Path("/cgi-bin/api.cgi?cmd=Snap&channel=0", "Reolink"),
          new Path("/webcapture.jpg?command=snap&channel=1", "XMeye / Xiongmai DVRs"),
          new Path("/onvif-http/snapshot", "ONVIF HTTP snapshot (Hikvision, others)"),
          new Path("/image.jpg", "generic webcams"),
          new Path("/shot.jpg", "Android IP Webcam"),
          new Path("/?action=snapshot", "mjpg-streamer"),
          new Path("/cam_1.jpg", "webcamXP, Webcam 7"));

  private WebcamPaths() {}
}
