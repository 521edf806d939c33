package io.hubspotbeam.sandbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SandboxMainTest {

  private static SandboxData configured(String... args) throws SandboxMain.UsageException {
    return SandboxMain.configure(SandboxMain.options(args)).build().data();
  }

  private static String usageError(String... args) {
    return assertThrows(SandboxMain.UsageException.class,
        () -> SandboxMain.configure(SandboxMain.options(args))).getMessage();
  }

  @Test
  void sizesAndScaling() throws Exception {
    SandboxData sized = configured("--size=contacts=1000,0-3=50");
    assertEquals(1000, sized.size("contacts"));
    assertEquals(50, sized.size("deals"));
    assertEquals(180, sized.size("companies"));

    SandboxData scaled = configured("--records=100000", "--contactShare=0.8");
    assertEquals(80_000, scaled.size("contacts"));
    // The standard objects make up --records; the custom object keeps its own size.
    long total = scaled.standardObjectTypes().stream().mapToLong(scaled::size).sum();
    assertThat(total, allOf(greaterThan(99_990L), lessThan(100_010L)));
    assertEquals(150, scaled.size("licenses"));
    assertThat(scaled.size("deals"), greaterThan(scaled.size("quotes")));
  }

  @Test
  void badValuesNameTheOption() {
    assertThat(usageError("--port=abc"), startsWith("--port:"));
    assertThat(usageError("--size=widgets=3"), startsWith("--size:"));
    assertThat(usageError("--serverErrorRate=1.5"), startsWith("--serverErrorRate:"));
    assertThat(usageError("--records=-1"), startsWith("--records:"));
    assertThat(usageError("--contactShare=0.5"), startsWith("--contactShare:"));
    assertThat(usageError("--nonsense=1"), startsWith("--nonsense:"));
    assertThat(usageError("--maxUrlLength=10"), startsWith("--maxUrlLength:"));
    assertThat(usageError("--extraProperties=contacts=x"), startsWith("--extraProperties:"));
    assertThat(usageError("--latencyMs=-3"), startsWith("--latencyMs:"));
    assertThat(usageError("--cursorStyle=base64"), startsWith("--cursorStyle:"));
    assertThat(usageError("--shortPageRate=1.5"), startsWith("--shortPageRate:"));
    assertThat(usageError("--growthPerSecond=-1"), startsWith("--growthPerSecond:"));
    assertThat(usageError("--growthPerSecond=fast"), startsWith("--growthPerSecond:"));
    assertThat(usageError("--malformedBodyRate=2"), startsWith("--malformedBodyRate:"));
    assertThat(usageError("--slowResponseRate=-0.1"), startsWith("--slowResponseRate:"));
    assertThat(usageError("--slowResponseMs=soon"), startsWith("--slowResponseMs:"));
    assertThat(usageError("--pagingFault=sometimes"), allOf(startsWith("--pagingFault:"),
        containsString("none or repeated-cursor or endless")));
    assertThat(usageError("--revokeAfterCalls=-2"), startsWith("--revokeAfterCalls:"));
    assertThat(usageError("--otherAppBurst=-1"), startsWith("--otherAppBurst:"));
    assertThat(usageError("--serverErrorRate=0.6", "--malformedBodyRate=0.6"),
        containsString("must not exceed 1"));
    assertThat(usageError("--pagingFault=endless", "--cursorStyle=opaque"),
        containsString("endless paging needs id cursors"));
  }

  @Test
  void faultOptionsReachThePortal() throws Exception {
    String summary = SandboxMain.configure(SandboxMain.options(new String[] {
        "--malformedBodyRate=0.05", "--slowResponseRate=0.02", "--slowResponseMs=2500",
        "--pagingFault=repeated-cursor", "--revokeAfterCalls=40", "--otherAppBurst=20"}))
        .build().summary();
    assertThat(summary, allOf(containsString("malformedBodyRate=0.05"),
        containsString("slowResponseRate=0.02"), containsString("slowResponseMs=2500"),
        containsString("pagingFault=repeated-cursor"), containsString("revokeAfterCalls=40"),
        containsString("otherAppBurst=20")));
  }

  @Test
  void pagingAndGrowthOptions() throws Exception {
    String summary = SandboxMain.configure(SandboxMain.options(new String[] {
        "--cursorStyle=opaque", "--shortPageRate=0.25"})).build().summary();
    assertThat(summary, allOf(containsString("cursorStyle=opaque"),
        containsString("shortPageRate=0.25")));
    assertThat(SandboxMain.configure(SandboxMain.options(new String[0])).build().summary(),
        allOf(containsString("cursorStyle=id"), containsString("shortPageRate=0.0")));
    assertEquals(50, SandboxMain.growthPerSecond(SandboxMain.options(
        new String[] {"--growthPerSecond=50"})));
    assertEquals(0, SandboxMain.growthPerSecond(SandboxMain.options(new String[0])));
  }

  @Test
  void helpDocumentsTheSandboxOnlyStatsPath() {
    assertThat(SandboxMain.HELP, allOf(containsString("/__sandbox/stats"),
        containsString("reset=true"), containsString("not part of HubSpot's API"),
        containsString("--cursorStyle"), containsString("--shortPageRate"),
        containsString("--growthPerSecond")));
  }
}
