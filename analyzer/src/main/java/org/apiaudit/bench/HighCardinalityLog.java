package org.apiaudit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a gateway-format log shaped like a national gateway rather than the simulator: by
 * default every line has its own client address, session token, subject and request id, the
 * four values that repeat a lot in simulated traffic and cost the most to index when they do not.
 *
 * <p>Each rate is the share of lines that get a fresh value; the other lines reuse one of
 * {@value #POOL} values, so lower rates move the shape towards the simulator's. Lines are
 * {@value #STEP_MILLIS} ms apart, in time order, and the output depends only on the settings and
 * the seed.
 */
public final class HighCardinalityLog {
  /** How many repeated values a field draws from when a line does not get a fresh one. */
  static final int POOL = 1_000;

  /** Time between consecutive lines: 1M lines span about a day. */
  static final long STEP_MILLIS = 86;

  /** First line's time (a Monday in the sample cases' month). */
  static final Instant START = Instant.parse("2023-06-12T00:00:00Z");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.ofHoursMinutes(5, 30));

  /** Requests a citizen session makes, each naming its subject the way the gateway logs it. */
  private static final String[] REQUESTS = {
    "GET /api/v2/appointment/beneficiaries HTTP/1.1",
    "GET /api/v2/registration/certificate/public/download?beneficiary_reference_id=%s HTTP/1.1",
    "POST /api/v2/auth/public/confirmOTP HTTP/1.1",
    "GET /api/v2/appointment/sessions/public/calendarByPin?pincode=%s&date=12-06-2023 HTTP/1.1",
    "POST /api/v2/appointment/schedule HTTP/1.1",
  };

  private static final String[] USER_AGENTS = {
    "Dalvik/2.1.0 (Linux; U; Android 12; SM-A525F Build/SP1A.210812.016)",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "okhttp/4.9.2",
  };

  /**
   * Share of lines (0 to 1) with a value no other line has, per field.
   *
   * @param ip client address
   * @param principal session token
   * @param subject the citizen's mobile number (or certificate reference) the request is about
   * @param requestId the gateway's request id
   */
  public record Rates(double ip, double principal, double subject, double requestId) {
    /** Every one of the four values unique on every line. */
    public static final Rates ALL_UNIQUE = new Rates(1, 1, 1, 1);

    public Rates {
      check("ip", ip);
      check("principal", principal);
      check("subject", subject);
      check("request id", requestId);
    }

    private static void check(String name, double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("unique " + name + " rate must be between 0 and 1; got: " + rate);
      }
    }
  }

  private final Rates rates;
  private final long seed;

  HighCardinalityLog(Rates rates, long seed) {
    this.rates = rates;
    this.seed = seed;
  }

  /** Writes {@code lines} lines to {@code file}. */
  void write(Path file, long lines) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    String lastSecond = null;
    long lastSecondValue = Long.MIN_VALUE;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (long i = 0; i < lines; i++) {
        long millis = START.toEpochMilli() + i * STEP_MILLIS;
        long second = Math.floorDiv(millis, 1000);
        if (second != lastSecondValue) {
          lastSecond = TIME.format(Instant.ofEpochSecond(second));
          lastSecondValue = second;
        }
        out.write(line(i, lastSecond, random));
        out.write('\n');
      }
    }
  }

  private String line(long i, String time, SplittableRandom random) {
    long ipKey = pick(i, rates.ip(), random);
    long principalKey = pick(i, rates.principal(), random);
    long subjectKey = pick(i, rates.subject(), random);
    long requestKey = pick(i, rates.requestId(), random);
    String subject = Long.toString(6_000_000_000L + scramble(subjectKey, 4_000_000_000L, 3));
    String request = REQUESTS[random.nextInt(REQUESTS.length)];
    String query = request.contains("pincode") ? Integer.toString(110_001 + random.nextInt(800_000)) : subject;
    return ip(ipKey) + " - - [" + time + "] \"" + String.format(Locale.ROOT, request, query) + "\" "
        + (random.nextInt(20) == 0 ? 404 : 200) + ' ' + (200 + random.nextInt(20_000)) + " \"-\" \""
        + USER_AGENTS[random.nextInt(USER_AGENTS.length)] + "\" 0." + (100 + random.nextInt(900)) + " \"-\" "
        + String.format(Locale.ROOT, "%012x", scramble(requestKey, 1L << 48, 4)) + " citizen "
        + String.format(Locale.ROOT, "tk-%08x", scramble(principalKey, 1L << 32, 2)) + ' ' + subject;
  }

  /**
   * The key of line {@code i}'s value: its own key {@code POOL + i} (fresh) with probability
   * {@code rate}, else one of the {@value #POOL} shared keys below it.
   */
  private static long pick(long i, double rate, SplittableRandom random) {
    return random.nextDouble() < rate ? POOL + i : random.nextInt(POOL);
  }

  /**
   * Spreads key {@code k} over {@code [0, range)} one to one for keys below {@code range}, a
   * different spread per {@code salt}: a mix of xor-shifts and odd multiplications permutes the
   * values of the smallest power of two covering the range, and values that land above the range
   * walk on until they do not (cycle walking).
   */
  static long scramble(long k, long range, long salt) {
    if (k < 0 || k >= range || range < 4) {
      throw new IllegalArgumentException("key must be in [0, " + range + ") with range >= 4; got: " + k);
    }
    int bits = 64 - Long.numberOfLeadingZeros(range - 1);
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    int shift = bits / 2;
    long v = k;
    do {
      v = (v + salt) & mask;
      v ^= v >>> shift;
      v = (v * 0x9E3779B97F4A7C15L) & mask;
      v ^= v >>> shift;
      v = (v * 0xC2B2AE3D27D4EB4FL) & mask;
      v ^= v >>> shift;
    } while (v >= range);
    return v;
  }

  /** A public-looking IPv4 address for key {@code k}: 1.0.0.0 upwards, one per key below 2^31. */
  private static String ip(long k) {
    long v = (1L << 24) + scramble(k, 1L << 31, 1);
    return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }
}
