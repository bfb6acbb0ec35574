package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.BrandPost;
import io.khorosjdbc.emulator.data.HourlyScan;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.Texts;
import java.util.Iterator;

/** The marketing raw_brand_posts export, filtered by {@code campaignId}. */
final class BrandPostExport implements ExportSource<BrandPost> {
  private final SyntheticData data;

  BrandPostExport(SyntheticData data) {
    this.data = data;
  }

  @Override
  public Iterator<BrandPost> rows(ReportRequest req) {
    return new HourlyScan<>(
        req.window().start(),
        req.window().last(),
        data.brandPosts()::inHour,
        p -> req.window().contains(p.time()) && req.filters().campaign(p.campaign().id()));
  }

  @Override
  public Fields<BrandPost> fields(ReportRequest req) {
    return new Fields<BrandPost>()
        .add("POST_ID", p -> Long.toString(p.key()))
        .add("CAMPAIGN_ID", p -> p.campaign().id())
        .add("CAMPAIGN_NAME", p -> p.campaign().name())
        .add("PUBLISHED_TIME", p -> SyntheticData.time(p.time()))
        .add("NETWORK", BrandPost::network)
        .add("ACCOUNT_NAME", p -> "Example Brand " + p.network())
        .add("POST_TEXT", p -> data.text("POST_TEXT", p.key(), Texts::brandPost))
        .add("IMPRESSION_COUNT", BrandPost::impressions)
        .add("LIKE_COUNT", BrandPost::likes)
        .add("SHARE_COUNT", BrandPost::shares)
        .add("COMMENT_COUNT", BrandPost::comments)
        .add("CLICK_COUNT", BrandPost::clicks)
        .add(
            "ENGAGEMENT_RATE",
            p -> Math.round((p.likes() + p.shares() + p.comments()) * 1e6 / p.impressions()) / 1e6)
        .add("IS_PAID", BrandPost::paid)
        .add("SCHEDULED_TIME", p -> SyntheticData.time(p.scheduled()))
        .add("POST_URL", p -> "https://social.example.com/" + p.network() + "/posts/" + p.key())
        .add(
            "PUBLISHER_NAME",
            p -> data.world().agents().get((int) Math.floorMod(p.key(), 6L)).name());
  }
}
