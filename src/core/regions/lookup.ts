// Lookups over the GB/T 2260 tables: code → names, and the code lists below each level.
import { PROVINCE_ROWS, type ProvinceKind } from './provinces.js';
import { CITY_ROWS, type CityKind } from './cities.js';
import { DISTRICT_ROWS, HISTORICAL_DISTRICT_ROWS } from './districts.js';

/** A division's code (2, 4 or 6 digits) with its Chinese and English names. */
export interface RegionName {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export interface ProvinceEntry extends RegionName {
  readonly kind: ProvinceKind;
}

/**
 * `zh` is the name to show and generalize to: the province's name for the municipalities'
 * 市辖区/县 entries (北京市, 重庆市), the province plus 直辖县级行政区划 for directly administered
 * units; `officialZh` is the name as the standard lists it.
 */
export interface CityEntry extends RegionName {
  readonly kind: CityKind;
  readonly officialZh: string;
}

/** A former county-level code (still found in ID numbers first issued before it was abolished). */
export interface HistoricalDistrictEntry extends RegionName {
  readonly abolishedYear: number;
  /** The current code that took over its area. */
  readonly successorCode: string;
}

/** What a code resolves to; `level` is the deepest level found. */
export interface RegionLookup {
  readonly code: string;
  readonly level: 'province' | 'city' | 'district';
  readonly province: ProvinceEntry;
  readonly city?: CityEntry;
  /** A current district, or a former one (then it has `abolishedYear` and `successorCode`). */
  readonly district?: RegionName | HistoricalDistrictEntry;
}

const provinces = new Map<string, ProvinceEntry>();
for (const [code, zh, en, kind] of PROVINCE_ROWS) provinces.set(code, { code, zh, en, kind });

const cities = new Map<string, CityEntry>();
const citiesByProvince = new Map<string, string[]>();
for (const [code, officialZh, en, kind] of CITY_ROWS) {
  const province = provinces.get(code.slice(0, 2));
  if (province === undefined) throw new Error(`city ${code} has no province`);
  const zh =
    kind === 'municipal_districts' || kind === 'municipal_counties'
      ? province.zh
      : kind === 'directly_administered'
        ? `${province.zh}直辖县级行政区划`
        : officialZh;
  cities.set(code, { code, zh, en, kind, officialZh });
  const list = citiesByProvince.get(province.code) ?? [];
  list.push(code);
  citiesByProvince.set(province.code, list);
}

const districts = new Map<string, RegionName>();
const districtsByCity = new Map<string, string[]>();
for (const [code, zh, en] of DISTRICT_ROWS) {
  const city = code.slice(0, 4);
  if (!cities.has(city)) throw new Error(`district ${code} has no city`);
  districts.set(code, { code, zh, en });
  const list = districtsByCity.get(city) ?? [];
  list.push(code);
  districtsByCity.set(city, list);
}

const historicalDistricts = new Map<string, HistoricalDistrictEntry>();
for (const [code, zh, en, abolishedYear, successorCode] of HISTORICAL_DISTRICT_ROWS) {
  // The former county group (1202 县 of Tianjin, abolished 2016) may be gone too: the successor's city stands in.
  if (!provinces.has(code.slice(0, 2)) || districts.has(code) || !districts.has(successorCode))
    throw new Error(`historical district ${code} is not a former code of a listed district`);
  historicalDistricts.set(code, { code, zh, en, abolishedYear, successorCode });
}

/** The 34 two-digit province-level codes, ascending. */
export const provinceCodes: readonly string[] = Object.freeze(PROVINCE_ROWS.map((row) => row[0]));

/** Every six-digit district code in the tables, ascending. */
export const districtCodes: readonly string[] = Object.freeze(
  [...districts.keys()].sort((a, b) => a.localeCompare(b)),
);

/** Four-digit codes of the cities whose districts are listed, ascending. */
export const citiesWithDistricts: readonly string[] = Object.freeze(
  [...districtsByCity.keys()].sort((a, b) => a.localeCompare(b)),
);

const EMPTY: readonly string[] = Object.freeze([]);

/** True when `prefix` is exactly two digits naming one of the 34 province-level units. */
export function isKnownProvincePrefix(prefix: string): boolean {
  return provinces.has(prefix);
}

/** True when `code` is a four-digit prefecture-level code in the tables. */
export function isKnownCityCode(code: string): boolean {
  return cities.has(code);
}

/** True when `code` is a current six-digit county-level code in the tables. */
export function isKnownDistrictCode(code: string): boolean {
  return districts.has(code);
}

/** A former county-level code, or undefined (current and unknown codes alike). */
export function historicalDistrictOf(code: string): HistoricalDistrictEntry | undefined {
  return historicalDistricts.get(code);
}

/** Former codes whose area is now `successorCode`'s, ascending. */
export function predecessorsOf(successorCode: string): readonly HistoricalDistrictEntry[] {
  return [...historicalDistricts.values()].filter((entry) => entry.successorCode === successorCode);
}

/** Four-digit city codes of a two-digit province, ascending; empty for unknown provinces and 71/81/82. */
export function cityCodesOf(provinceCode: string): readonly string[] {
  return citiesByProvince.get(provinceCode) ?? EMPTY;
}

/** Six-digit district codes of a four-digit city, ascending; empty when the tables hold none. */
export function districtCodesOf(cityCode: string): readonly string[] {
  return districtsByCity.get(cityCode) ?? EMPTY;
}

export function provinceOf(code: string): ProvinceEntry | undefined {
  return provinces.get(code.slice(0, 2));
}

export function cityOf(code: string): CityEntry | undefined {
  return code.length >= 4 ? cities.get(code.slice(0, 4)) : undefined;
}

export function districtOf(code: string): RegionName | undefined {
  return code.length >= 6 ? districts.get(code.slice(0, 6)) : undefined;
}

const CODE = /^(\d{2}|\d{4}|\d{6})$/;

/**
 * Resolves a GB/T 2260 code of 2, 4 or 6 digits (e.g. the first six characters of a resident ID
 * number) to names, as deep as the tables go. Trailing zero pairs mean "the level above"
 * (120000 is Tianjin, 120100 its 市辖区). Returns undefined when the string is not 2/4/6 digits or
 * the province is unknown; a known province with an unknown city (say a code abolished before
 * the tables' date) resolves at province level, so callers can still generalize to the province.
 * Former district codes that ID numbers still carry (120107 塘沽区, 120225 蓟县) resolve as districts
 * with `abolishedYear` and `successorCode`, under the successor's city when their own is gone.
 */
export function lookupRegion(code: string): RegionLookup | undefined {
  if (!CODE.test(code)) return undefined;
  const province = provinces.get(code.slice(0, 2));
  if (province === undefined) return undefined;
  const cityPart = code.slice(2, 4);
  if (cityPart === '' || cityPart === '00') return { code, level: 'province', province };
  const former = historicalDistricts.get(code);
  const city =
    cities.get(code.slice(0, 4)) ?? (former && cities.get(former.successorCode.slice(0, 4)));
  if (city === undefined) return { code, level: 'province', province };
  const districtPart = code.slice(4, 6);
  if (districtPart === '' || districtPart === '00') return { code, level: 'city', province, city };
  const district = districts.get(code) ?? former;
  if (district === undefined) return { code, level: 'city', province, city };
  return { code, level: 'district', province, city, district };
}
