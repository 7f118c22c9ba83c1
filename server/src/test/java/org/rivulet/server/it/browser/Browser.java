package org.rivulet.server.it.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code .ci/install-deps}) with the test page open, driven through Selenium. Fake camera and
 * microphone, no permission prompt, and ICE candidates on loopback, so WebRTC works on a machine
 * with no network. The methods here act on the page's first peer connection, {@link #peer()};
 * {@link #newPeer(String)} adds more to the same page.
 *
 * <p>Chromium missing is a broken build machine, not a reason to skip: {@link #start()} throws.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** As TESTING.md, where each one is explained; checked with Chromium 156. */
  static final List<String> ARGUMENTS = List.of(
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
      "--allow-loopback-in-peer-connection", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run");

  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(20);

  private final TestPageServer pages;
  private final Path tempDir;
  private final ChromeDriver driver;
  private final PagePeer peer;

  private Browser(TestPageServer pages, Path tempDir, ChromeDriver driver) {
    this.pages = pages;
    this.tempDir = tempDir;
    this.driver = driver;
    this.peer = new PagePeer(this, "main");
  }

  /** Starts Chromium with a fresh profile and opens the test page. */
  public static Browser start() throws IOException {
    requireInstalled(CHROMIUM, "chromium");
    requireInstalled(CHROMEDRIVER, "chromium-driver");
    // Without the property Selenium Manager looks for a driver on the network first (~5 s).
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path tempDir = Files.createTempDirectory("rivulet-chromium-");
    TestPageServer pages = null;
    ChromeDriver driver = null;
    try {
      pages = TestPageServer.start();
      driver = new ChromeDriver(service(tempDir), options(tempDir));
      driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
      driver.get(pages.pageUrl());
      return new Browser(pages, tempDir, driver);
    } catch (RuntimeException | IOException e) {
      if (driver != null) {
        driver.quit();
      }
      if (pages != null) {
        pages.close();
      }
      deleteRecursively(tempDir);
      throw e;
    }
  }

  private static void requireInstalled(Path executable, String debianPackage) {
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(executable + " is missing: the browser tests need the Debian"
          + " package " + debianPackage + "; run .ci/install-deps as root to install it");
    }
  }

  /**
   * Chromium inherits the driver's environment. {@code TMPDIR} points into our temp dir, so the
   * {@code org.chromium.Chromium.*} folder and shared-memory files Chromium would otherwise leave
   * in /tmp go away with it.
   */
  private static ChromeDriverService service(Path tempDir) throws IOException {
    Path tmp = Files.createDirectories(tempDir.resolve("tmp"));
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .withEnvironment(Map.of("TMPDIR", tmp.toString()))
        .withSilent(true)
        .build();
  }

  private static ChromeOptions options(Path tempDir) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(ARGUMENTS);
    options.addArguments("--user-data-dir=" + tempDir.resolve("profile"));
    return options;
  }

  /** The page's first peer connection, which the methods below drive. */
  public PagePeer peer() {
    return peer;
  }

  /** Another peer connection in the same page, created on first use. */
  public PagePeer newPeer(String name) {
    return new PagePeer(this, name);
  }

  /** See {@link PagePeer#createOffer(boolean, boolean)}. */
  public String createOffer(boolean audio, boolean video) {
    return peer.createOffer(audio, video);
  }

  /** See {@link PagePeer#setRemoteAnswer(String)}. */
  public void setRemoteAnswer(String sdp) {
    peer.setRemoteAnswer(sdp);
  }

  /** See {@link PagePeer#setRemoteOffer(String)}. */
  public String setRemoteOffer(String sdp) {
    return peer.setRemoteOffer(sdp);
  }

  /** See {@link PagePeer#addIceCandidate(String, String, int)}. */
  public void addIceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
    peer.addIceCandidate(candidate, sdpMid, sdpMLineIndex);
  }

  /** See {@link PagePeer#takeLocalCandidates()}. */
  public List<BrowserCandidate> takeLocalCandidates() {
    return peer.takeLocalCandidates();
  }

  /** See {@link PagePeer#framesDecoded()}. */
  public long framesDecoded() {
    return peer.framesDecoded();
  }

  /** See {@link PagePeer#audioPacketsReceived()}. */
  public long audioPacketsReceived() {
    return peer.audioPacketsReceived();
  }

  /** See {@link PagePeer#audioBytesReceived()}. */
  public long audioBytesReceived() {
    return peer.audioBytesReceived();
  }

  /** See {@link PagePeer#iceConnectionState()}. */
  public String iceConnectionState() {
    return peer.iceConnectionState();
  }

  /** See {@link PagePeer#connectionState()}. */
  public String connectionState() {
    return peer.connectionState();
  }

  /** See {@link PagePeer#framesDecodedRisingFor(Duration)}. */
  public boolean framesDecodedRisingFor(Duration span) {
    return peer.framesDecodedRisingFor(span);
  }

  /**
   * Calls {@code api[fn](...args)} in the page and waits for its promise. A rejection becomes an
   * {@link IllegalStateException} carrying the JavaScript error and stack.
   */
  Object call(String fn, Object... args) {
    Object reply = driver.executeAsyncScript(
        "window.rivulet.call(arguments[0], arguments[1], arguments[2]);", fn, Arrays.asList(args));
    Map<?, ?> result = (Map<?, ?>) reply;
    if (result.containsKey("error")) {
      throw new IllegalStateException("page function " + fn + " failed: " + result.get("error"));
    }
    return result.get("value");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      pages.close();
      deleteRecursively(tempDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
