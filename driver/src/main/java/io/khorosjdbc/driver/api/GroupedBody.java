package io.khorosjdbc.driver.api;

import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * A response body that tells its {@link CallGroup} when it is closed, so the call leaves the group.
 */
final class GroupedBody extends ResponseBody {

  private final ResponseBody delegate;
  private final Call call;
  private final Runnable onClose;

  GroupedBody(ResponseBody delegate, Call call, Runnable onClose) {
    this.delegate = delegate;
    this.call = call;
    this.onClose = onClose;
  }

  /** Cancels the call: safe from any thread, unlike closing the body while it is being read. */
  void cancelCall() {
    call.cancel();
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public BufferedSource source() {
    return delegate.source();
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      onClose.run();
    }
  }
}
