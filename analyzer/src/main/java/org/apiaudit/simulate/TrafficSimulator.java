package org.apiaudit.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.SplittableRandom;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;

/**
 * The {@code simulate} service: builds the population and the scenarios from a {@link
 * SimulationConfig}, runs the event loop, and writes the day files, {@code labels.json} and
 * {@code leak-sample.txt}.
 *
 * <p>The loop takes the actor due first, lets it fill the one reused {@link SimEvent}, and hands
 * that to the {@link DailyFileSink}. Memory holds the actors in progress (a few thousand at
 * scale 1), what attackers touched, the distinct addresses and user agents of benign traffic
 * (ints and a few dozen strings, see {@link GroundTruth#benignIps}) and, with an attack, the ids
 * citizens downloaded ({@link OwnerDownloads}), never the events.
 */
public final class TrafficSimulator {
  private final SimulationConfig config;
  /** The vaccinator-misuse attacker when that scenario runs: a live canary bot uses its credential. */
  private VaccinatorMisuse misuse;

  public TrafficSimulator(SimulationConfig config) {
    this.config = config;
  }

  /**
   * Runs the simulation.
   *
   * @throws UserException when the output cannot be written
   */
  public SimulationResult run() {
    try {
      Files.createDirectories(config.outputDirectory());
      if (config.labelsFile().getParent() != null) {
        Files.createDirectories(config.labelsFile().getParent());
      }
      if (config.leakSampleFile().getParent() != null) {
        Files.createDirectories(config.leakSampleFile().getParent());
      }
    } catch (IOException e) {
      throw new UserException("cannot create output directory " + config.outputDirectory()
          + ": " + e.getMessage(), ExitCodes.USAGE, e);
    }
    SplittableRandom rng = new SplittableRandom(config.seed());
    GroundTruth truth = new GroundTruth(
        config.scenarios().stream().anyMatch(s -> s.kind().truthClass().isAttack()));
    SimContext ctx = new SimContext(config, rng, truth);
    BenignPopulation population = BenignPopulation.create(ctx);
    for (ScenarioSpec spec : config.scenarios()) {
      install(spec, ctx, population);
    }
    CanaryBot canary = config.canary() == null ? null
        : CanaryBot.plant(config, ctx, population, misuse);
    long started = System.nanoTime();
    SimulationResult partial;
    try (DailyFileSink sink = new DailyFileSink(config.outputDirectory(), config.firstDay(),
        config.dayFormats())) {
      loop(ctx, sink);
      sink.close();
      partial = new SimulationResult(sink.events(), sink.bytes(), System.nanoTime() - started,
          sink.files(), config.labelsFile(), config.leakSampleFile());
    } catch (UncheckedIOException e) {
      throw new UserException(e.getMessage() + ": " + e.getCause().getMessage(),
          ExitCodes.USAGE, e);
    }
    LeakSample leak =
        LeakSample.draw(truth, ctx.citizens, rng, config.leakSampleSize());
    try {
      StringBuilder text = new StringBuilder(leak.mobiles().size() * 11);
      for (long mobile : leak.mobiles()) {
        text.append(mobile).append('\n');
      }
      Files.writeString(config.leakSampleFile(), text, StandardCharsets.US_ASCII);
      if (canary != null) {
        canary.writeProbes(config.probesFile());
      }
      LabelsWriter.write(config.labelsFile(), config, partial.files(), truth, leak, canary);
    } catch (IOException e) {
      throw new UserException("cannot write the ground truth: " + e.getMessage(),
          ExitCodes.USAGE, e);
    }
    return partial;
  }

  private static void loop(SimContext ctx, DailyFileSink sink) {
    SimEvent event = new SimEvent();
    long requestCounter = Mixer.mix64(ctx.rng.nextLong());
    long end = ctx.endMillis;
    Actor actor;
    while ((actor = ctx.nextActor()) != null) {
      if (actor.nextTime >= end) {
        continue;
      }
      ctx.advanceTo(actor.nextTime);
      event.clear();
      event.epochMillis = actor.nextTime;
      boolean emitted = actor.act(event, ctx);
      if (emitted) {
        if (actor.benign()) {
          ctx.truth.benign(event);
        }
        event.requestSeq = Mixer.mix48(requestCounter++);
        sink.write(event);
      }
      if (!actor.finished()) {
        ctx.schedule(actor);
      }
    }
  }

  private void install(ScenarioSpec spec, SimContext ctx, BenignPopulation population) {
    ScenarioStats stats = ctx.truth.register(spec);
    switch (spec.kind()) {
      case BOLA:
        ctx.schedule(new BolaAttack(stats, ctx));
        break;
      case VACCINATOR_MISUSE:
        misuse = new VaccinatorMisuse(stats, ctx,
            population.vaccinators[ctx.rng.nextInt(population.vaccinators.length)]);
        ctx.truth.misusedCredential(stats, misuse.vaccinator.idBytes);
        ctx.schedule(misuse);
        break;
      case PARTNER_ABUSE:
        ctx.truth.misusedCredential(stats, population.partners[0].clientIdBytes);
        ctx.schedule(new PartnerAbuse(stats, ctx, population.partners[0]));
        break;
      case OTP_FLOOD:
        ctx.schedule(new OtpFlood(stats, ctx));
        break;
      case DISTRIBUTED:
        ctx.schedule(new DistributedScraping(stats, ctx));
        break;
      case CLEAN:
      default:
        CleanLookalikes.install(ctx, config.days(), config.seed());
        break;
    }
  }
}
