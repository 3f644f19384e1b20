import type { CountryRole, Exposure, ExposureLevel, ExposureRegime, RegimeStatus } from '../report/schema.js';
import type { ExposureWatchlist, WatchlistCountry, WatchlistRegime } from './schema.js';
import type { ExposureSignals } from './signals.js';

/*
 * From signals to the report's exposure section: each regime's status on the analysis date, and
 * the document's exposure level.
 *
 *   high    a watchlisted material is named AND a country whose jurisdiction controls that
 *           material is named as its origin or place of supply, with the control in force on the
 *           analysis date (and, for a control limited to some destinations, a party or the
 *           governing law in one of them)
 *   medium  a watchlisted material is named, or the origin or supply is in a country with a
 *           critical-material control in force, but not both for the same material
 *   low     such a country is named only as a party, the governing law, or in passing
 *   none    nothing of the above
 */

export interface RegimeStatusOn {
  status: RegimeStatus;
  note: string;
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * A regime's status on a day (YYYY-MM-DD), from its dates: a suspension covers `suspendedFrom`
 * to `suspendedUntil` inclusive, and the control is in force again from the next day unless the
 * watchlist is updated; a lifted control is in force until the day before `liftedOn`.
 */
export function regimeStatusOn(regime: WatchlistRegime, date: string): RegimeStatusOn {
  const checked = date > regime.lastChecked ? ` (as the watchlist knew it on ${regime.lastChecked})` : '';
  if (date < regime.effective) return { status: 'not_yet_in_force', note: `Not yet in force: it takes effect on ${regime.effective}.` };
  if (regime.status === 'suspended' && regime.suspendedUntil) {
    const from = regime.suspendedFrom ?? regime.effective;
    const reason = regime.suspensionReason ? ` ${regime.suspensionReason}` : '';
    if (date < from) return { status: 'in_force', note: `In force since ${regime.effective}; a suspension starts on ${from}.` };
    if (date <= regime.suspendedUntil) {
      return {
        status: 'suspended',
        note: `Suspended${reason} from ${from} until ${regime.suspendedUntil}; in force again from ${nextDay(regime.suspendedUntil)} unless the suspension is extended.`,
      };
    }
    return { status: 'in_force', note: `In force again since ${nextDay(regime.suspendedUntil)}: its suspension ran until ${regime.suspendedUntil}${checked}.` };
  }
  if (regime.status === 'lifted' && regime.liftedOn) {
    if (date < regime.liftedOn) return { status: 'in_force', note: `In force since ${regime.effective}; lifted on ${regime.liftedOn}.` };
    return { status: 'lifted', note: `Lifted on ${regime.liftedOn}${checked}.` };
  }
  return { status: 'in_force', note: `In force since ${regime.effective}${checked}.` };
}

/** What the severity rules need beyond the level: the words for {materials} and {countries}. */
export interface ExposureAssessment {
  exposure: Exposure;
  materialsText: string;
  countriesText: string;
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
export function listText(items: readonly string[], limit = 3): string {
  const unique = [...new Set(items)];
  if (unique.length === 0) return '';
  const shown = unique.length > limit ? [...unique.slice(0, limit), `${unique.length - limit} more`] : unique;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const ROLE_WORDS: Record<CountryRole, string> = {
  origin: 'as the origin',
  supply: 'as the place of supply',
  destination: 'as the destination',
  party: 'as a party’s country',
  governingLaw: 'as the governing law',
  mentioned: 'in passing',
};

export function assessExposure(signals: ExposureSignals, watchlist: ExposureWatchlist, analyzedAt: string): ExposureAssessment {
  const date = analyzedAt.slice(0, 10);
  const statuses = new Map(watchlist.regimes.map((regime) => [regime.id, regimeStatusOn(regime, date)]));
  const countries = new Map<string, WatchlistCountry>(watchlist.countries.map((country) => [country.code, country]));
  const materialNames = new Map(watchlist.materials.map((material) => [material.id, material.name]));
  // A control limited to some destinations bites when the goods go there, a party is there, or its law governs.
  const destinationsNamed = new Set(
    signals.countries
      .filter((country) => country.role === 'destination' || country.role === 'party' || country.role === 'governingLaw')
      .map((country) => country.code),
  );

  /** In force on the analysis date and, when limited to destinations, aimed at one named in the contract. */
  const applies = (regime: WatchlistRegime) =>
    statuses.get(regime.id)!.status === 'in_force' && (!regime.destinations || regime.destinations.some((code) => destinationsNamed.has(code)));
  const controlsCriticalMaterials = (code: string) => {
    const jurisdictions = countries.get(code)?.jurisdictions ?? [];
    return watchlist.regimes.some((regime) => regime.kind === 'critical-materials' && jurisdictions.includes(regime.jurisdiction) && applies(regime));
  };

  const supplying = signals.countries.filter((country) => country.role === 'origin' || country.role === 'supply');
  const hits: Array<{ material: string; country: string; regime: WatchlistRegime }> = [];
  for (const material of signals.materials) {
    for (const country of supplying) {
      const jurisdictions = countries.get(country.code)?.jurisdictions ?? [];
      for (const regime of watchlist.regimes) {
        if (regime.materials.includes(material.id) && jurisdictions.includes(regime.jurisdiction) && applies(regime)) {
          hits.push({ material: material.id, country: country.code, regime });
        }
      }
    }
  }

  const nameOfCountry = (code: string) => countries.get(code)?.name ?? code;
  const named = signals.materials.map((material) => materialNames.get(material.id) ?? material.id);
  const controllingSupply = supplying.filter((country) => controlsCriticalMaterials(country.code));
  const controllingElsewhere = signals.countries.filter((country) => controlsCriticalMaterials(country.code));

  let level: ExposureLevel;
  let rationale: string;
  let materialsText: string;
  let countriesText: string;
  if (hits.length > 0) {
    level = 'high';
    const hitMaterials = hits.map((hit) => materialNames.get(hit.material) ?? hit.material);
    const hitCountries = hits.map((hit) => nameOfCountry(hit.country));
    // The one a reader should look up first: a control aimed at this contract's destination, then
    // one checked against its published source, then the most recent.
    const rank = (regime: WatchlistRegime) => (regime.destinations ? 2 : 0) + (regime.verified.by === 'source' ? 1 : 0);
    const regimes = [...new Set(hits.map((hit) => hit.regime))].sort((a, b) => rank(b) - rank(a) || b.effective.localeCompare(a.effective));
    materialsText = listText(hitMaterials.map((name) => name.charAt(0).toLowerCase() + name.slice(1)));
    countriesText = listText(hitCountries);
    const them = new Set(hitMaterials).size > 1 ? 'them' : 'it';
    rationale = `High: the contract names ${materialsText} and sources ${them} from ${countriesText}, where ${
      regimes.length === 1
        ? `an export control on ${them} is in force on ${date}:`
        : `${regimes.length} export controls on ${them} are in force on ${date}, among them`
    } ${regimes[0]!.source.reference}${regimes[0]!.destinations ? ` (for deliveries to ${listText(regimes[0]!.destinations.map(nameOfCountry))})` : ''}.`;
  } else if (named.length > 0 || controllingSupply.length > 0) {
    level = 'medium';
    materialsText = named.length > 0 ? listText(named.map((name) => name.charAt(0).toLowerCase() + name.slice(1))) : 'no watchlisted material';
    countriesText = controllingSupply.length > 0 ? listText(controllingSupply.map((country) => nameOfCountry(country.code))) : 'no country that controls them';
    rationale =
      named.length > 0
        ? controllingSupply.length > 0
          ? `Medium: the contract names ${materialsText} and supply from ${countriesText}, but no control of that country on these materials is in force on ${date}.`
          : `Medium: the contract names ${materialsText}, but not as supplied from a country whose control on them is in force on ${date}.`
        : `Medium: the goods come from ${countriesText}, which controls exports of critical materials, but the contract names no watchlisted material.`;
  } else if (controllingElsewhere.length > 0) {
    level = 'low';
    materialsText = 'no watchlisted material';
    countriesText = 'no country that controls them';
    const roles = listText(controllingElsewhere.map((country) => ROLE_WORDS[country.role]));
    const names = [...new Set(controllingElsewhere.map((country) => nameOfCountry(country.code)))];
    rationale = `Low: ${listText(names)} ${names.length > 1 ? 'are' : 'is'} named only ${roles}, not as the origin or place of supply, and no watchlisted material is named.`;
  } else {
    level = 'none';
    materialsText = 'no watchlisted material';
    countriesText = 'no country that controls them';
    rationale = 'None: the contract names no watchlisted material and no country that controls exports of critical materials.';
  }

  const regimeEntry = (regime: WatchlistRegime): ExposureRegime => {
    const status = statuses.get(regime.id)!;
    return {
      id: regime.id,
      title: regime.title,
      jurisdiction: regime.jurisdiction,
      status: status.status,
      statusNote: status.note,
      source: regime.source.url ? `${regime.source.reference}, ${regime.source.url}` : regime.source.reference,
      destinations: regime.destinations ?? null,
      verified: regime.verified,
    };
  };

  const exposure: Exposure = {
    level,
    materials: signals.materials.map((material) => ({
      id: material.id,
      name: materialNames.get(material.id) ?? material.id,
      terms: material.terms,
      regimes: watchlist.regimes.filter((regime) => regime.materials.includes(material.id)).map(regimeEntry),
      evidence: material.evidence,
    })),
    countries: signals.countries.map((country) => ({
      code: country.code,
      name: nameOfCountry(country.code),
      role: country.role,
      controlsCriticalMaterials: controlsCriticalMaterials(country.code),
      evidence: country.evidence,
    })),
    governingLaw: signals.governingLaw,
    watchlist: { id: watchlist.id, version: watchlist.version },
    rationale,
  };
  return { exposure, materialsText, countriesText };
}
