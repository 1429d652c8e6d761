package org.apiaudit.simulate;

import java.util.SplittableRandom;

/**
 * The user-agent strings of each kind of caller, with the versions current in mid-2023. Attack
 * tools get strings that no benign caller sends ({@link UserAgent#distinctive}), unless a
 * scenario runs in stealth mode and spoofs a browser.
 */
final class UserAgents {
  static final UserAgent[] CITIZEN_APPS = of(false,
      "okhttp/4.9.2",
      "okhttp/4.10.0",
      "okhttp/3.12.13",
      "Dalvik/2.1.0 (Linux; U; Android 12; SM-A525F Build/SP1A.210812.016)",
      "Dalvik/2.1.0 (Linux; U; Android 11; Redmi Note 8 Pro MIUI/V12.5.4.0.RGGINXM)",
      "Dalvik/2.1.0 (Linux; U; Android 13; CPH2381 Build/TP1A.220905.001)",
      "Dalvik/2.1.0 (Linux; U; Android 10; vivo 1906 Build/QP1A.190711.020)",
      "Aarogya/3.6.2 CFNetwork/1408.0.4 Darwin/22.5.0");

  static final UserAgent[] BROWSERS = of(false,
      "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/114.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/113.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/114.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/113.0.0.0 Safari/537.36 Edg/113.0.1774.57",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 "
          + "(KHTML, like Gecko) Version/16.5 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:114.0) Gecko/20100101 Firefox/114.0",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
          + "(KHTML, like Gecko) Version/16.5 Safari/605.1.15");

  /** Vaccinators work on desktop browsers at the facility. */
  static final UserAgent[] VACCINATOR_DESKTOPS = {BROWSERS[2], BROWSERS[3], BROWSERS[5]};

  static final UserAgent[] SLOT_BOTS = of(false,
      "python-requests/2.28.2",
      "Go-http-client/1.1",
      "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
      "curl/7.88.1",
      "axios/1.4.0");

  static final UserAgent[] PARTNER_SDKS = of(false,
      "Apache-HttpClient/4.5.13 (Java/11.0.19)",
      "okhttp/4.11.0",
      "Java/17.0.7",
      "python-httpx/0.24.1");

  /** Scripting clients no benign caller uses: they identify an attacker by themselves. */
  static final UserAgent ATTACK_SCRIPT = new UserAgent("python-requests/2.31.0", true);

  static final UserAgent ATTACK_GO = new UserAgent("Go-http-client/2.0", true);

  static final UserAgent ATTACK_HEADLESS = new UserAgent(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "HeadlessChrome/114.0.5735.90 Safari/537.36", true);

  /** A device string shared by a SIM farm: plausible, but seen from no benign caller. */
  static final UserAgent SIM_FARM = new UserAgent(
      "Dalvik/2.1.0 (Linux; U; Android 9; SM-J600G Build/PPR1.180610.011)", true);

  /** The browser an attacker spoofs in stealth mode: the commonest benign string. */
  static final UserAgent SPOOFED_BROWSER = BROWSERS[0];

  private UserAgents() {}

  static UserAgent pick(UserAgent[] pool, SplittableRandom rng) {
    return pool[rng.nextInt(pool.length)];
  }

  private static UserAgent[] of(boolean distinctive, String... texts) {
    UserAgent[] agents = new UserAgent[texts.length];
    for (int i = 0; i < texts.length; i++) {
      agents[i] = new UserAgent(texts[i], distinctive);
    }
    return agents;
  }
}
