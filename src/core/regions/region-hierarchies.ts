// Generalization hierarchies over the GB/T 2260 tables, as rows of ARX labels (`value;level1;…;*`).
import { CITY_ROWS } from './cities.js';
import { PROVINCE_ROWS } from './provinces.js';
import { cityOf, districtCodes, districtCodesOf, districtOf, provinceOf } from './lookup.js';

/** One row of an ARX hierarchy: the value, then its label at each higher level, ending in `*`. */
export type HierarchyLabels = readonly string[];

/**
 * The seven geographic regions of mainland China as statistical yearbooks group provinces
 * (华北 North, 东北 Northeast, 华东 East, 华中 Central, 华南 South, 西南 Southwest, 西北 Northwest);
 * Taiwan is counted with 华东, Hong Kong and Macau with 华南.
 */
export const GEOGRAPHIC_REGION_OF_PROVINCE: Readonly<Record<string, string>> = {
  '11': '华北', '12': '华北', '13': '华北', '14': '华北', '15': '华北',
  '21': '东北', '22': '东北', '23': '东北',
  '31': '华东', '32': '华东', '33': '华东', '34': '华东', '35': '华东', '36': '华东', '37': '华东', '71': '华东',
  '41': '华中', '42': '华中', '43': '华中',
  '44': '华南', '45': '华南', '46': '华南', '81': '华南', '82': '华南',
  '50': '西南', '51': '西南', '52': '西南', '53': '西南', '54': '西南',
  '61': '西北', '62': '西北', '63': '西北', '64': '西北', '65': '西北',
}; // prettier-ignore

/**
 * Tianjin's customary zones: 市内六区 (the six inner districts), 环城四区 (the four districts
 * ringing them), 远郊五区 (the five outer districts) and 滨海新区 on its own.
 */
export const TIANJIN_ZONE_OF_DISTRICT: Readonly<Record<string, string>> = {
  '120101': '市内六区', '120102': '市内六区', '120103': '市内六区',
  '120104': '市内六区', '120105': '市内六区', '120106': '市内六区',
  '120110': '环城四区', '120111': '环城四区', '120112': '环城四区', '120113': '环城四区',
  '120114': '远郊五区', '120115': '远郊五区', '120117': '远郊五区', '120118': '远郊五区', '120119': '远郊五区',
  '120116': '滨海新区',
}; // prettier-ignore

/** province → geographic region → *: `天津市;华北;*`, one row per province-level unit. */
export function provinceHierarchy(): HierarchyLabels[] {
  return PROVINCE_ROWS.map(([code, zh]) => [zh, GEOGRAPHIC_REGION_OF_PROVINCE[code], '*']);
}

/**
 * city → province → geographic region → *, one row per distinct city name as lookupRegion
 * writes it (`天津市;天津市;华北;*`, `成都市;四川省;西南;*`; Chongqing's two entries give one row).
 */
export function cityHierarchy(): HierarchyLabels[] {
  const rows: HierarchyLabels[] = [];
  const seen = new Set<string>();
  for (const [code] of CITY_ROWS) {
    const city = cityOf(code);
    const province = provinceOf(code);
    if (city === undefined || province === undefined || seen.has(city.zh)) continue;
    seen.add(city.zh);
    rows.push([city.zh, province.zh, GEOGRAPHIC_REGION_OF_PROVINCE[province.code], '*']);
  }
  return rows;
}

/**
 * District names of one city up to `*`. Tianjin: district → zone → 天津市 → *; the other
 * municipalities: district → municipality → *; cities in provinces: district → city → province → *.
 * Empty when the tables hold no districts for the city.
 */
export function districtHierarchy(cityCode: string): HierarchyLabels[] {
  return districtCodesOf(cityCode).map((code) => {
    const district = districtOf(code)?.zh ?? code;
    const city = cityOf(code);
    const province = provinceOf(code);
    const cityName = city?.zh ?? code.slice(0, 4);
    if (cityCode === '1201') return [district, TIANJIN_ZONE_OF_DISTRICT[code], cityName, '*'];
    if (province?.kind === 'municipality') return [district, cityName, '*'];
    return [district, cityName, province?.zh ?? code.slice(0, 2), '*'];
  });
}

/** Six-digit codes → four-digit city code → two-digit province code → *, for every listed district. */
export function districtCodeHierarchy(): HierarchyLabels[] {
  return districtCodes.map((code) => [code, code.slice(0, 4), code.slice(0, 2), '*']);
}
