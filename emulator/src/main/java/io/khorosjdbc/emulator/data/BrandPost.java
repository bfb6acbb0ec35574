package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Campaign;

/** A published brand post of the marketing raw_brand_posts export. */
public record BrandPost(
    long time,
    long key,
    Campaign campaign,
    String network,
    boolean paid,
    long impressions,
    long likes,
    long shares,
    long comments,
    long clicks,
    long scheduled)
    implements Event {}
