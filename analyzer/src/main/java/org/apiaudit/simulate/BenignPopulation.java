package org.apiaudit.simulate;

/**
 * Builds the benign population for a run and puts its actors on the schedule: the citizen
 * arrival process, vaccinators at their facilities, partners in their registered ranges and
 * slot-finder bots. Benign automation (bots, partners) is labelled as such, because the
 * analyzer must name it, not just ignore it.
 *
 * <p>Sizes at scale 1.0 (about a million events a day): 60,000 citizen visits a day, 300
 * vaccinators, 20 slot bots, four partners making 25,000 calls a day between them at most.
 */
final class BenignPopulation {
  static final double CITIZEN_VISITS_PER_DAY = 60_000;
  static final double VACCINATORS = 300;
  static final double SLOT_BOTS = 20;
  static final double PARTNER_CALLS_PER_DAY = 25_000;
  private static final String[] PARTNER_IDS = {
    "partner-aarogya-connect", "partner-travelpass", "partner-insurecheck", "partner-citylab"
  };
  private static final double[] PARTNER_SHARE = {1.0, 0.6, 0.3, 0.15};

  final Vaccinator[] vaccinators;
  final Partner[] partners;

  private BenignPopulation(Vaccinator[] vaccinators, Partner[] partners) {
    this.vaccinators = vaccinators;
    this.partners = partners;
  }

  static BenignPopulation create(SimContext ctx) {
    double scale = ctx.scale;
    ctx.schedule(new CitizenArrivals(ctx.startMillis, CITIZEN_VISITS_PER_DAY * scale));
    Vaccinator[] vaccinators = new Vaccinator[(int) Math.max(3, Math.round(VACCINATORS * scale))];
    int facilityIp = 0;
    for (int i = 0; i < vaccinators.length; i++) {
      if (i % 2 == 0) {
        facilityIp = AddressSpace.randomHost(AddressSpace.FACILITIES, ctx.rng);
      }
      long meanGap = (2 + ctx.rng.nextInt(10)) * SimContext.MINUTE;
      vaccinators[i] = new Vaccinator("vcn-" + (3_000_000 + i * 1_237L + ctx.rng.nextInt(1_000)),
          "fac-" + (10_000 + i / 2), 1 + (int) ((i / 2 * 7919L) % 780), facilityIp,
          UserAgents.pick(UserAgents.VACCINATOR_DESKTOPS, ctx.rng), meanGap);
      ctx.schedule(new VaccinatorShift(ctx.startMillis, ctx, vaccinators[i]));
    }
    Partner[] partners = new Partner[PARTNER_IDS.length];
    for (int i = 0; i < partners.length; i++) {
      int range = AddressSpace.PARTNER_NETWORKS[i] | (16 * (1 + ctx.rng.nextInt(3)));
      partners[i] = new Partner(PARTNER_IDS[i], range, UserAgents.PARTNER_SDKS[i],
          Math.max(100, PARTNER_CALLS_PER_DAY * scale * PARTNER_SHARE[i]));
      labelPartner(ctx, partners[i]);
      ctx.schedule(new PartnerClient(ctx.startMillis + ctx.rng.nextLong(SimContext.MINUTE),
          partners[i]));
    }
    int bots = (int) Math.max(2, Math.round(SLOT_BOTS * scale));
    for (int i = 0; i < bots; i++) {
      boolean overLimit = i % 3 == 0;
      long interval = overLimit ? 1_500 + ctx.rng.nextLong(1_400) : 3_100 + ctx.rng.nextLong(5_000);
      addSlotBot(ctx, interval, "slot-finder bot");
    }
    return new BenignPopulation(vaccinators, partners);
  }

  static void addSlotBot(SimContext ctx, long interval, String role) {
    int ip = ctx.rng.nextInt(100) < 70 ? AddressSpace.randomHost(AddressSpace.CLOUD, ctx.rng)
        : ctx.broadbandAddress();
    UserAgent ua = ctx.rng.nextInt(100) < 20 ? UserAgents.SPOOFED_BROWSER
        : UserAgents.pick(UserAgents.SLOT_BOTS, ctx.rng);
    ctx.truth.label("ip", AddressSpace.format(ip), TruthClass.BENIGN_AUTOMATION,
        GroundTruth.BASELINE, role);
    ctx.schedule(new SlotBot(ctx.startMillis + ctx.rng.nextLong(SimContext.MINUTE), ctx, ip, ua,
        interval));
  }

  private static void labelPartner(SimContext ctx, Partner p) {
    String role = "partner within baseline, registered range " + p.registeredRange();
    ctx.truth.label("principal", p.clientId, TruthClass.BENIGN_AUTOMATION, GroundTruth.BASELINE,
        role);
    for (int k = 1; k <= Partner.ADDRESSES_IN_USE; k++) {
      ctx.truth.label("ip", AddressSpace.format(p.rangeBase + k), TruthClass.BENIGN_AUTOMATION,
          GroundTruth.BASELINE, role);
    }
  }
}
