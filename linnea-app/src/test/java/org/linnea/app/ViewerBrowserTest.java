package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer in a real browser: Debian's headless Chromium, driven by Selenium through
 * chromedriver, against a node started in-process on a temporary data folder holding a 240-slice
 * synthetic CT (512×512, known pattern: {@link ViewerData}) and pydicom's sample files.
 *
 * <p>It searches, opens the CT, scrolls with the wheel and the keyboard, drags the window, picks
 * a preset, measures a length, plays a multi-frame image, uploads a zip and downloads the study;
 * at each step it reads the canvas's pixels in the page and compares them with the window
 * formula (PS3.3 C.11.2.1.2) applied to the pattern. Screenshots go to {@code
 * target/viewer-screenshots}; the time to the first image and the scroll rate, measured in the
 * page with performance.now(), to {@code target/viewer-benchmark.txt} (see docs/benchmarks.md).
 */
class ViewerBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** 240 in the normal run; -Dlinnea.viewer.slices=1000 for the 1,000-image figures of docs/benchmarks.md. */
  static final int SLICES = Integer.getInteger("linnea.viewer.slices", 240);

  @TempDir Path dir;
  WebDriver driver;
  JavascriptExecutor js;
  final Path shots = Path.of("target", "viewer-screenshots");

  @Test
  void radiologistWorkflow() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("the viewer's browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install chromium chromium-driver (.ci/run installs them)");
    }
    Configuration config = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(),
        "LINNEA_HTTP_PORT", "0", "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_DICOM_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1"));
    Files.createDirectories(shots);
    try (Node node = Node.start(config)) {
      ViewerData.load(node.archive(), SLICES);
      String base = "http://127.0.0.1:" + node.httpPort();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
          "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=1366,768");
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      driver = new ChromeDriver(service, options);
      try {
        js = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
        signIn(base, new String(node.initialPassword().orElseThrow()));
        workflow(base);
      } finally {
        List<?> errors = consoleErrors();
        driver.quit();
        assertThat(errors).as("errors in the page's console").isEmpty();
      }
    }
  }

  /**
   * The page's first call is refused (401) and opens the sign-in dialog: a wrong password is
   * answered in the dialog, the node's one-time administrator password lets the list load.
   */
  private void signIn(String base, String password) throws Exception {
    driver.get(base + "/");
    WebElement dialog = driver.findElement(By.id("login"));
    waitFor("the sign-in dialog", () -> dialog.getAttribute("open") != null);
    dialog.findElement(By.name("username")).sendKeys(Node.INITIAL_ADMINISTRATOR);
    dialog.findElement(By.name("password")).sendKeys("not the password");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor("the refusal in the dialog", () -> dialog.findElement(By.cssSelector(".error")).getText().contains("wrong user name or password"));
    shot("00-sign-in-refused");
    WebElement pw = dialog.findElement(By.name("password"));
    pw.clear();
    pw.sendKeys(password);
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor("the dialog closed", () -> dialog.getAttribute("open") == null);
  }

  private void workflow(String base) throws Exception {
    // The list shows every study at first: the CT, and pydicom's.
    waitFor("the study list", () -> rows().size() >= 4);
    shot("01-study-list");

    // Search by patient name (fuzzy prefix) and modality.
    WebElement form = driver.findElement(By.id("search"));
    form.findElement(By.name("PatientName")).sendKeys("viewer");
    new Select(form.findElement(By.name("ModalitiesInStudy"))).selectByVisibleText("CT");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor("one match for VIEWER/CT", () -> rows().size() == 1 && rows().get(0).getText().contains("VIEWER, CT"));
    // By accession number and a date range.
    form.findElement(By.cssSelector("button[type=reset]")).click();
    waitFor("the full list again", () -> rows().size() >= 4);
    form.findElement(By.name("AccessionNumber")).sendKeys("ACC-VIEW-1");
    js.executeScript("const f = document.getElementById('search'); f.from.value = '2024-03-01'; f.to.value = '2024-03-31';");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor("one match by accession and date", () -> rows().size() == 1 && rows().get(0).getText().contains("VWR-CT-1"));
    form.findElement(By.name("PatientID")).sendKeys("NOBODY");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor("no match for an unknown patient ID", () -> rows().isEmpty()
        && driver.findElement(By.id("list-status")).getText().contains("No study"));
    form.findElement(By.cssSelector("button[type=reset]")).click();
    waitFor("the full list again", () -> rows().size() >= 4);
    // Sorting by patient ID, both ways.
    driver.findElement(By.cssSelector("button[data-sort=pid]")).click();
    List<String> ids = columnTexts(1);
    assertThat(ids).isSortedAccordingTo(String::compareTo);
    driver.findElement(By.cssSelector("button[data-sort=pid]")).click();
    assertThat(columnTexts(1)).isSortedAccordingTo((a, b) -> b.compareTo(a));

    // Open the CT: the first image, measured from the click.
    WebElement ct = rows().stream().filter(r -> r.getText().contains("VWR-CT-1")).findFirst().orElseThrow();
    ct.click();
    waitFor("the first CT image", () -> drawn() >= 1);
    double firstImageMs = ((Number) js.executeScript(
        "return performance.getEntriesByName('linnea:first-image')[0].startTime - performance.getEntriesByName('linnea:study-click')[0].startTime;")).doubleValue();
    shot("02-ct-first-image");
    assertPixels(0, 40, 400);

    // Scroll with the mouse wheel over the image: three notches, three images.
    WebElement viewport = driver.findElement(By.id("viewport"));
    waitFor("the series metadata", () -> Boolean.TRUE.equals(js.executeScript("return window.linnea.viewer.seriesMetaLoaded")));
    for (int i = 0; i < 3; i++) {
      new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(viewport), 0, 100).perform();
      int want = i + 1;
      waitFor("image " + want, () -> index() == want);
    }
    // And with the keyboard.
    viewport.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    waitFor("image 5 by arrow keys", () -> index() == 5);
    viewport.sendKeys(Keys.PAGE_DOWN);
    waitFor("image 15 by Page Down", () -> index() == 15);
    waitFor("image 15 drawn", () -> drawnIndex() == 15);
    assertPixels(15, 40, 400);
    assertThat(driver.findElement(By.id("ov-tr")).getText()).contains("Image 16 / " + SLICES);
    // Axial, Image Orientation 1\0\0\0\1\0: the patient's left on the right, posterior at the bottom.
    assertThat(List.of("ov-l", "ov-r", "ov-t", "ov-b").stream().map(id -> driver.findElement(By.id(id)).getText()).toList())
        .containsExactly("R", "L", "A", "P");

    // Window by dragging: right widens, down raises the level.
    new Actions(driver).moveToElement(viewport, 40, 40).clickAndHold().moveByOffset(60, 30).release().perform();
    Map<?, ?> w = (Map<?, ?>) js.executeScript("return window.linnea.viewer.window;");
    double c = ((Number) w.get("c")).doubleValue(), ww = ((Number) w.get("w")).doubleValue();
    assertThat(ww).isGreaterThan(400);
    assertThat(c).isGreaterThan(40);
    assertPixels(15, c, ww);
    shot("03-window-dragged");

    // Presets by key: 1 lung, 2 bone, 3 brain, 4 abdomen.
    viewport.sendKeys("1");
    assertPixels(15, -600, 1500);
    shot("04-lung-preset");
    viewport.sendKeys("3");
    assertPixels(15, 40, 80);
    driver.findElement(By.cssSelector("button[data-preset='4']")).click();
    assertPixels(15, 40, 400);
    // Invert: every block's grey level turned over.
    viewport.sendKeys("i");
    waitFor("the inverted image", () -> Boolean.TRUE.equals(js.executeScript(
        "const v = window.linnea.viewer; return v.invert && v.drawn > 0 && v.drawnWith.inverted === true;")));
    int[] inverted = centrePixel(15);
    viewport.sendKeys("i");
    waitFor("the image back", () -> Boolean.TRUE.equals(js.executeScript("return window.linnea.viewer.drawnWith.inverted === false;")));
    assertThat(inverted[0]).isEqualTo(255 - voi(ViewerData.hu(4, 4, 15), 40, 400));
    assertPixels(15, 40, 400);

    // A length: 200 pixels across at 0.5 mm is 100 mm.
    viewport.sendKeys("m");
    int[] a = screenPoint(100, 300), b = screenPoint(300, 300);
    new Actions(driver).moveToElement(viewport, a[0], a[1]).clickAndHold().moveByOffset(b[0] - a[0], b[1] - a[1]).release().perform();
    String length = driver.findElement(By.id("ov-br")).getText();
    assertThat(length).matches("Length \\d+\\.\\d mm");
    assertThat(Double.parseDouble(length.replaceAll("[^0-9.]", ""))).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1.5));
    shot("05-length");

    // Zoom and pan keep the pattern where the transform says.
    viewport.sendKeys("z");
    new Actions(driver).moveToElement(viewport, 50, 50).clickAndHold().moveByOffset(0, -60).release().perform();
    viewport.sendKeys("p");
    new Actions(driver).moveToElement(viewport, 50, 50).clickAndHold().moveByOffset(30, 20).release().perform();
    waitFor("zoomed in by dragging", () -> ((Number) js.executeScript("return window.linnea.viewer.view.zoom")).doubleValue() > 1.2);
    assertPixels(15, 40, 400);
    viewport.sendKeys("r");
    // Two fingers apart: pinch zoom (touch pointers).
    var rect = viewport.getRect();
    int cx = rect.getX() + rect.getWidth() / 2, cy = rect.getY() + rect.getHeight() / 2;
    List<org.openqa.selenium.interactions.Sequence> fingers = new ArrayList<>();
    for (int side : new int[] {-1, 1}) {
      var f = new org.openqa.selenium.interactions.PointerInput(org.openqa.selenium.interactions.PointerInput.Kind.TOUCH, "finger" + side);
      var origin = org.openqa.selenium.interactions.PointerInput.Origin.viewport();
      fingers.add(new org.openqa.selenium.interactions.Sequence(f, 0)
          .addAction(f.createPointerMove(Duration.ZERO, origin, cx + side * 20, cy))
          .addAction(f.createPointerDown(0))
          .addAction(f.createPointerMove(Duration.ofMillis(250), origin, cx + side * 80, cy))
          .addAction(f.createPointerUp(0)));
    }
    ((org.openqa.selenium.interactions.Interactive) driver).perform(fingers);
    waitFor("zoomed in by a pinch", () -> ((Number) js.executeScript("return window.linnea.viewer.view.zoom")).doubleValue() > 2);
    viewport.sendKeys("r");

    // The attributes of the image.
    viewport.sendKeys("a");
    waitFor("the attribute panel", () -> driver.findElement(By.id("attr-body")).getText().contains("Pixel Spacing"));
    assertThat(driver.findElement(By.id("attr-body")).getText()).contains("(0028,0030)").contains("0.5 \\ 0.5").contains("VWR-CT-1");
    shot("06-attributes");
    viewport.sendKeys("a");

    // Performance: every image once from the server (cold), then a second pass from the cache.
    @SuppressWarnings("unchecked")
    Map<String, Object> bench = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const v = window.linnea.viewer, vp = v.viewport, n = v.slices.length;
        const drawnAt = i => new Promise(res => {
          if (v.index === i && +vp.dataset.index === i) { res(); return; }
          const h = e => { if (e.detail.index === i) { vp.removeEventListener('linnea:drawn', h); res(); } };
          vp.addEventListener('linnea:drawn', h);
        });
        const wheel = () => vp.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true }));
        (async () => {
          v.show(0); await drawnAt(0);
          let t = performance.now();
          for (let i = 1; i < n; i++) { wheel(); await drawnAt(i); }
          const cold = (n - 1) / ((performance.now() - t) / 1000);
          v.show(0); await drawnAt(0);
          t = performance.now();
          for (let i = 1; i < n; i++) { wheel(); await drawnAt(i); }
          const warm = (n - 1) / ((performance.now() - t) / 1000);
          done({ cold, warm, cachedMB: v.cache.bytes / 1048576, cached: v.cache.map.size });
        })();
        """);
    double cold = ((Number) bench.get("cold")).doubleValue(), warm = ((Number) bench.get("warm")).doubleValue();
    assertPixels(SLICES - 1, 40, 400);
    String figures = String.format(Locale.ROOT,
        "first CT image after the click: %.0f ms%nscroll, first pass (each image fetched): %.1f images/s%nscroll, cached: %.1f images/s%ncache: %d images, %.0f MB%n",
        firstImageMs, cold, warm, ((Number) bench.get("cached")).intValue(), ((Number) bench.get("cachedMB")).doubleValue());
    Files.writeString(Path.of("target", "viewer-benchmark.txt"), figures);
    System.out.print(figures);
    assertThat(warm).isPositive();

    // Tablet: the same study fits a portrait 820×1180 screen.
    driver.manage().window().setSize(new Dimension(820, 1180));
    waitFor("the tablet layout", () -> driver.findElement(By.id("viewport")).getSize().getHeight() > 400);
    assertThat(viewport.getSize().getWidth()).isGreaterThan(700);
    assertPixels(SLICES - 1, 40, 400);
    shot("07-tablet");
    driver.manage().window().setSize(new Dimension(1366, 768));

    // A small cache (?cacheMB=16, 32 images) stays within its budget over the whole stack, and
    // images evicted come back right.
    driver.get(base + "/?cacheMB=16#/study/" + ViewerData.CT_STUDY);
    waitFor("the CT with a small cache", () -> drawn() >= 1);
    waitFor("the series metadata", () -> Boolean.TRUE.equals(js.executeScript("return window.linnea.viewer.seriesMetaLoaded")));
    viewport = driver.findElement(By.id("viewport"));
    for (int i = 0; i < 12; i++) viewport.sendKeys(Keys.PAGE_DOWN);
    waitFor("image 120", () -> drawnIndex() == 120);
    viewport.sendKeys(Keys.END);
    assertPixels(SLICES - 1, 40, 400);
    viewport.sendKeys(Keys.HOME);
    assertPixels(0, 40, 400);
    double cachedMb = ((Number) js.executeScript("return window.linnea.viewer.cache.bytes / 1048576")).doubleValue();
    assertThat(cachedMb).isLessThanOrEqualTo(16.0);

    // Download: the study as a zip, through the page.
    driver.findElement(By.id("download")).click();
    waitFor("the download", () -> driver.findElement(By.id("download-status")).getText().startsWith("Downloaded ("));

    // A multi-frame image plays as cine (RT dose: 15 frames, 32-bit, rendered by the server).
    driver.get(base + "/#/");
    waitFor("the study list", () -> rows().size() >= 4);
    rows().stream().filter(r -> r.getText().contains("Lastname")).findFirst().orElseThrow().click();
    waitFor("the dose image", () -> drawn() >= 1 && ((Number) js.executeScript("return window.linnea.viewer.slices.length")).intValue() == 15);
    js.executeScript("document.getElementById('fps').value = '30'");
    driver.findElement(By.id("viewport")).sendKeys(" ");
    waitFor("cine to reach frame 8", () -> index() >= 7);
    driver.findElement(By.id("viewport")).sendKeys(" ");
    shot("08-cine");

    // Upload a zip (a colour image of pydicom's) through the file picker, then find it.
    Path zip = dir.resolve("upload.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("folder/SC_rgb_small_odd.dcm"));
      Files.copy(ViewerData.PYDICOM.resolve("SC_rgb_small_odd.dcm"), z);
      z.putNextEntry(new ZipEntry("folder/readme.txt"));
      z.write("not DICOM".getBytes());
    }
    driver.get(base + "/#/");
    driver.findElement(By.id("upload-open")).click();
    driver.findElement(By.id("pick-files")).sendKeys(zip.toAbsolutePath().toString());
    waitFor("the upload", () -> driver.findElement(By.id("upload-status")).getText().startsWith("Stored 1, skipped 1"));
    shot("09-upload");
    driver.findElement(By.cssSelector("#upload form button")).click();
    // Drag and drop onto the page (a deflated file of pydicom's, dropped as a browser would).
    js.executeScript("""
        const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], 'image_dfl.dcm'));
        window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
        """, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(ViewerData.PYDICOM.resolve("image_dfl.dcm"))));
    waitFor("the dropped file stored", () -> driver.findElement(By.id("upload-status")).getText().equals("Stored 1."));
    driver.findElement(By.cssSelector("#upload form button")).click();
    waitFor("the dropped file's study in the list", () -> rows().size() >= 6);
    // The colour image shows (server-rendered): its pixels are not grey.
    rows().stream().filter(r -> r.getText().contains("Lestrade")).findFirst().orElseThrow().click();
    waitFor("the colour study's series", () -> !driver.findElements(By.cssSelector("#series-list button")).isEmpty());
    driver.findElement(By.cssSelector("#series-list button")).click();
    waitFor("the colour image drawn", () -> Boolean.TRUE.equals(js.executeScript(
        "const v = window.linnea.viewer; return !!v.drawnWith && v.drawnWith.index === 0 && v.seriesPath.includes(arguments[0]);", "1.2.826.0.1.3680043.8.498.12406831542731051035295345080039845114")));
    Boolean colour = (Boolean) js.executeScript("""
        const c = window.linnea.viewer.canvas, ctx = c.getContext('2d');
        for (let y = 0; y < c.height; y += 8) {
          const d = ctx.getImageData(Math.floor(c.width / 2), y, 1, 1).data;
          if (d[0] !== d[1] || d[1] !== d[2]) return true;
        }
        return false;
        """);
    assertThat(colour).as("colour pixels on the canvas").isTrue();
    shot("10-colour");
  }

  // ---- helpers --------------------------------------------------------------------------------

  List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#studies tbody tr"));
  }

  List<String> columnTexts(int column) {
    List<String> out = new ArrayList<>();
    for (WebElement r : rows()) out.add(r.findElements(By.tagName("td")).get(column).getText());
    return out;
  }

  int drawn() {
    Object v = js.executeScript("return window.linnea && window.linnea.viewer.drawn");
    return v instanceof Number n ? n.intValue() : 0;
  }

  int index() {
    return ((Number) js.executeScript("return window.linnea.viewer.index")).intValue();
  }

  int drawnIndex() {
    Object v = js.executeScript("return +document.getElementById('viewport').dataset.index");
    return v instanceof Number n ? n.intValue() : -1;
  }

  /** The CSS position, relative to the viewport's top-left corner... as Selenium offsets from its centre. */
  int[] screenPoint(double ix, double iy) {
    @SuppressWarnings("unchecked")
    List<Number> p = (List<Number>) js.executeScript("""
        const v = window.linnea.viewer, f = v.currentFrame();
        const t = v.transform(f, v.canvas.width, v.canvas.height);
        const r = v.canvas.getBoundingClientRect();
        return [(arguments[0] * t.s + t.x) / t.dpr - r.width / 2, (arguments[1] * t.s + t.y) / t.dpr - r.height / 2];
        """, ix, iy);
    return new int[] {(int) Math.round(p.get(0).doubleValue()), (int) Math.round(p.get(1).doubleValue())};
  }

  /**
   * Reads the displayed canvas at the centre of each of the 64 blocks of the pattern and checks
   * it against the window applied to the block's Hounsfield units on slice {@code slice}.
   */
  void assertPixels(int slice, double center, double width) {
    waitFor("image " + slice + " drawn with window " + center + "/" + width, () -> Boolean.TRUE.equals(js.executeScript(
        "const d = window.linnea.viewer.drawnWith; return !!d && d.index === arguments[0] && !!d.window"
            + " && Math.abs(d.window.c - arguments[1]) < 1e-6 && Math.abs(d.window.w - arguments[2]) < 1e-6;", slice, center, width)));
    @SuppressWarnings("unchecked")
    List<List<Number>> got = (List<List<Number>>) js.executeScript("""
        const v = window.linnea.viewer, t = v.drawnWith.t;
        const ctx = v.canvas.getContext('2d');
        const out = [];
        for (let by = 0; by < 8; by++) for (let bx = 0; bx < 8; bx++) {
          const x = Math.floor((bx * 64 + 32) * t.s + t.x), y = Math.floor((by * 64 + 32) * t.s + t.y);
          if (x < 0 || y < 0 || x >= v.canvas.width || y >= v.canvas.height) { out.push([bx, by, -1, -1, -1]); continue; }
          const d = ctx.getImageData(x, y, 1, 1).data;
          out.push([bx, by, d[0], d[1], d[2]]);
        }
        return out;
        """);
    int checked = 0;
    for (List<Number> p : got) {
      int bx = p.get(0).intValue(), by = p.get(1).intValue(), r = p.get(2).intValue();
      if (r < 0) continue; // panned out of view
      int want = voi(ViewerData.hu(bx, by, slice), center, width);
      assertThat(r).as("slice %d block (%d,%d), window %.1f/%.1f", slice, bx, by, center, width).isCloseTo(want, org.assertj.core.data.Offset.offset(1));
      assertThat(p.get(3).intValue()).isEqualTo(r);
      assertThat(p.get(4).intValue()).isEqualTo(r);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(16);
  }

  /** The displayed grey level at the centre of block (4, 4). */
  int[] centrePixel(int slice) {
    @SuppressWarnings("unchecked")
    List<Number> d = (List<Number>) js.executeScript("""
        const v = window.linnea.viewer, t = v.drawnWith.t;
        const x = Math.floor((4 * 64 + 32) * t.s + t.x), y = Math.floor((4 * 64 + 32) * t.s + t.y);
        return Array.from(v.canvas.getContext('2d').getImageData(x, y, 1, 1).data);
        """);
    return new int[] {d.get(0).intValue(), d.get(1).intValue(), d.get(2).intValue()};
  }

  /** PS3.3 C.11.2.1.2.1, the linear VOI function, to 0..255. */
  static int voi(double x, double c, double w) {
    if (x <= c - 0.5 - (w - 1) / 2) return 0;
    if (x > c - 0.5 + (w - 1) / 2) return 255;
    return (int) Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
  }

  void waitFor(String what, java.util.function.BooleanSupplier condition) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(20)).until(d -> condition.getAsBoolean());
    } catch (org.openqa.selenium.TimeoutException e) {
      shot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      fail("waited 30 s for " + what + "; console: " + consoleErrors());
    }
  }

  List<?> consoleErrors() {
    try {
      List<Object> out = new ArrayList<>();
      for (var e : driver.manage().logs().get("browser")) {
        // The refusals before sign-in (the first calls, the wrong password) are expected.
        if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
            && !e.getMessage().contains("status of 401")) out.add(e.getMessage());
      }
      return out;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  void shot(String name) {
    try {
      byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(shots.resolve(name + ".png"), png);
    } catch (Exception e) {
      System.err.println("screenshot " + name + " failed: " + e);
    }
  }
}
