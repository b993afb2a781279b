// Chinese administrative divisions (GB/T 2260): pure tables and lookups, no I/O.
//
// API (stable; other areas rely on it):
//   lookupRegion(code)            '120104' → { code, level: 'district', province: {code:'12', zh:'天津市',
//                                 en:'Tianjin', kind}, city: {code:'1201', zh:'天津市', officialZh:'市辖区', …},
//                                 district: {code:'120104', zh:'南开区', en:'Nankai'} }.
//                                 Takes 2, 4 or 6 digits; resolves as deep as the tables go (level);
//                                 undefined for malformed codes and unknown province prefixes.
//   provinceCodes                 the 34 two-digit codes '11' … '82' (incl. 71 Taiwan, 81 HK, 82 Macau).
//   isKnownProvincePrefix('12')   true; the resident-ID validator's region check.
//   cityCodesOf('13')             ['1301', …, '1311'] (every province; empty for 71/81/82).
//   districtCodesOf('1201')       ['120101', …, '120119'] (only the cities in citiesWithDistricts).
//   isKnownCityCode / isKnownDistrictCode, provinceOf / cityOf / districtOf (by prefix of any longer code),
//   districtCodes (all six-digit codes), citiesWithDistricts (their four-digit cities).
//   historicalDistrictOf('120107') → 塘沽区 { abolishedYear: 2009, successorCode: '120116' } and
//   predecessorsOf('120116'): former Tianjin codes that ID numbers issued before the change carry.
//   Hierarchies (rows of ARX labels, written to policies/hierarchies/regions/ by
//   scripts/generate-hierarchies.ts): provinceHierarchy() 天津市;华北地区;*, cityHierarchy() 成都市;四川省;西南地区;*,
//   districtHierarchy('1201') 南开区;市内六区;天津市;*, districtCodeHierarchy() 120104;1201;12;*.
//
// City names: municipalities' 市辖区/县 entries carry the municipality's name (北京市) in `zh` and the
// standard's name in `officialZh`, so deriving [province, city] from an ID gives 北京市/北京市, not 市辖区.
export {
  lookupRegion,
  provinceCodes,
  districtCodes,
  citiesWithDistricts,
  isKnownProvincePrefix,
  isKnownCityCode,
  isKnownDistrictCode,
  historicalDistrictOf,
  predecessorsOf,
  cityCodesOf,
  districtCodesOf,
  provinceOf,
  cityOf,
  districtOf,
} from './lookup.js';
export {
  provinceHierarchy,
  cityHierarchy,
  districtHierarchy,
  districtCodeHierarchy,
  GEOGRAPHIC_REGION_OF_PROVINCE,
  TIANJIN_ZONE_OF_DISTRICT,
} from './region-hierarchies.js';
export type { HierarchyLabels } from './region-hierarchies.js';
export type {
  RegionName,
  ProvinceEntry,
  CityEntry,
  HistoricalDistrictEntry,
  RegionLookup,
} from './lookup.js';
export type { ProvinceKind } from './provinces.js';
export type { CityKind } from './cities.js';
