// Generalization hierarchies over the GB/T 2260 tables, as rows of ARX labels (`value;level1;…;*`).
import { CITY_ROWS } from './cities.js';
import { PROVINCE_ROWS } from './provinces.js';
import { cityOf, districtCodes, districtCodesOf, districtOf, provinceOf } from './lookup.js';

/** One row of an ARX hierarchy: the value, then its label at each higher level, ending in `*`. */
export type HierarchyLabels = readonly string[];

/**
 * The seven geographic regions of mainland China as statistical yearbooks group provinces
 * (华北 North, 东北 Northeast, 华东 East, 华中 Central, 华南 South, 西南 Southwest, 西北 Northwest);
 * Taiwan is counted with 华东, Hong Kong and Macau with 华南. Labels carry 地区: bare 华北 reads as a
 * two-character name (surname 华), which the output gate's name detector refuses.
 */
export const GEOGRAPHIC_REGION_OF_PROVINCE: Readonly<Record<string, string>> = {
  '11': '华北地区', '12': '华北地区', '13': '华北地区', '14': '华北地区', '15': '华北地区',
  '21': '东北地区', '22': '东北地区', '23': '东北地区',
  '31': '华东地区', '32': '华东地区', '33': '华东地区', '34': '华东地区', '35': '华东地区', '36': '华东地区', '37': '华东地区', '71': '华东地区',
  '41': '华中地区', '42': '华中地区', '43': '华中地区',
  '44': '华南地区', '45': '华南地区', '46': '华南地区', '81': '华南地区', '82': '华南地区',
  '50': '西南地区', '51': '西南地区', '52': '西南地区', '53': '西南地区', '54': '西南地区',
  '61': '西北地区', '62': '西北地区', '63': '西北地区', '64': '西北地区', '65': '西北地区',
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

/** province → geographic region → *: `天津市;华北地区;*`, one row per province-level unit. */
export function provinceHierarchy(): HierarchyLabels[] {
  return PROVINCE_ROWS.map(([code, zh]) => [zh, GEOGRAPHIC_REGION_OF_PROVINCE[code], '*']);
}

/**
 * city → province → geographic region → *, one row per distinct city name as lookupRegion
 * writes it (`天津市;天津市;华北地区;*`, `成都市;四川省;西南地区;*`; Chongqing's two entries give one row).
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
