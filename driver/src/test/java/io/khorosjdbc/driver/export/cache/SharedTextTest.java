package io.khorosjdbc.driver.export.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SharedTextTest {

  @Test
  void anEqualTextGetsTheStringKeptFirst() {
    SharedText shared = new SharedText(10);
    String first = new String("twitter");

    assertSame(first, shared.share(first));
    assertSame(first, shared.share(new String("twitter")));
  }

  @Test
  void pastTheLimitNewTextsAreNotKept() {
    SharedText shared = new SharedText(2);
    shared.share("a");
    shared.share("b");

    assertNull(shared.share("c"));
    assertEquals("a", shared.share(new String("a")));
  }

  @Test
  void aColumnWhoseValuesRarelyRepeatStopsLookingThemUp() {
    SharedText ids = new SharedText(2);
    ids.share("id-0");
    ids.share("id-1");
    for (int i = 2; i < 2 + 4096; i++) {
      ids.share("id-" + i);
    }

    assertNull(ids.share(new String("id-0")), "retired: even a kept value is not looked up");
  }

  @Test
  void aColumnWhoseValuesRepeatKeepsSharingPastTheLimit() {
    SharedText names = new SharedText(2);
    names.share("Ana");
    names.share("Bo");
    for (int i = 0; i < 4096; i++) {
      names.share(i % 3 == 0 ? "new-" + i : "Ana");
    }

    assertEquals("Bo", names.share(new String("Bo")));
  }
}
