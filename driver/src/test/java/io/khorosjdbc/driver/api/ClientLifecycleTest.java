package io.khorosjdbc.driver.api;

import static org.junit.jupiter.api.Assertions.assertFalse;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ClientLifecycleTest {

  @Test
  void closingAClientBuiltOnASharedBaseLeavesTheBaseUsable() throws ApiException {
    OkHttpClient shared = new OkHttpClient();

    new AnalyticsClient(Fixtures.settings("http://localhost:1"), shared).close();

    assertFalse(shared.dispatcher().executorService().isShutdown());
  }
}
