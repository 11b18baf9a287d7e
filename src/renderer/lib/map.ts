/**
 * The map view's data, as pure functions: the world (Natural Earth 1:110m, bundled with the view, never fetched)
 * keyed by ISO 3166-1 alpha-2 like the pack, how many organisations the pack has in each country, the shade
 * that count gets, and the projections for the world and for Europe.
 */
import { geoAzimuthalEqualArea, geoGraticule10, geoNaturalEarth1, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import worldData from 'world-atlas/countries-110m.json'
import { shortName } from '../../shared/content/names'
import type { Organisation } from '../../shared/content/schema'

/**
 * ISO 3166-1 numeric (world-atlas feature ids) → alpha-2 (the pack's country codes), for every country the
 * 1:110m atlas draws. Features without a numeric id (Kosovo, Northern Cyprus, Somaliland) are matched by name below.
 */
export const NUMERIC_TO_ALPHA2: Readonly<Record<string, string>> = {
  '004': 'AF',
  '008': 'AL',
  '010': 'AQ',
  '012': 'DZ',
  '024': 'AO',
  '031': 'AZ',
  '032': 'AR',
  '036': 'AU',
  '040': 'AT',
  '044': 'BS',
  '050': 'BD',
  '051': 'AM',
  '056': 'BE',
  '064': 'BT',
  '068': 'BO',
  '070': 'BA',
  '072': 'BW',
  '076': 'BR',
  '084': 'BZ',
  '090': 'SB',
  '096': 'BN',
  '100': 'BG',
  '104': 'MM',
  '108': 'BI',
  '112': 'BY',
  '116': 'KH',
  '120': 'CM',
  '124': 'CA',
  '140': 'CF',
  '144': 'LK',
  '148': 'TD',
  '152': 'CL',
  '156': 'CN',
  '158': 'TW',
  '170': 'CO',
  '178': 'CG',
  '180': 'CD',
  '188': 'CR',
  '191': 'HR',
  '192': 'CU',
  '196': 'CY',
  '203': 'CZ',
  '204': 'BJ',
  '208': 'DK',
  '214': 'DO',
  '218': 'EC',
  '222': 'SV',
  '226': 'GQ',
  '231': 'ET',
  '232': 'ER',
  '233': 'EE',
  '238': 'FK',
  '242': 'FJ',
  '246': 'FI',
  '250': 'FR',
  '260': 'TF',
  '262': 'DJ',
  '266': 'GA',
  '268': 'GE',
  '270': 'GM',
  '275': 'PS',
  '276': 'DE',
  '288': 'GH',
  '300': 'GR',
  '304': 'GL',
  '320': 'GT',
  '324': 'GN',
  '328': 'GY',
  '332': 'HT',
  '340': 'HN',
  '348': 'HU',
  '352': 'IS',
  '356': 'IN',
  '360': 'ID',
  '364': 'IR',
  '368': 'IQ',
  '372': 'IE',
  '376': 'IL',
  '380': 'IT',
  '384': 'CI',
  '388': 'JM',
  '392': 'JP',
  '398': 'KZ',
  '400': 'JO',
  '404': 'KE',
  '408': 'KP',
  '410': 'KR',
  '414': 'KW',
  '417': 'KG',
  '418': 'LA',
  '422': 'LB',
  '426': 'LS',
  '428': 'LV',
  '430': 'LR',
  '434': 'LY',
  '440': 'LT',
  '442': 'LU',
  '450': 'MG',
  '454': 'MW',
  '458': 'MY',
  '466': 'ML',
  '478': 'MR',
  '484': 'MX',
  '496': 'MN',
  '498': 'MD',
  '499': 'ME',
  '504': 'MA',
  '508': 'MZ',
  '512': 'OM',
  '516': 'NA',
  '524': 'NP',
  '528': 'NL',
  '540': 'NC',
  '548': 'VU',
  '554': 'NZ',
  '558': 'NI',
  '562': 'NE',
  '566': 'NG',
  '578': 'NO',
  '586': 'PK',
  '591': 'PA',
  '598': 'PG',
  '600': 'PY',
  '604': 'PE',
  '608': 'PH',
  '616': 'PL',
  '620': 'PT',
  '624': 'GW',
  '626': 'TL',
  '630': 'PR',
  '634': 'QA',
  '642': 'RO',
  '643': 'RU',
  '646': 'RW',
  '682': 'SA',
  '686': 'SN',
  '688': 'RS',
  '694': 'SL',
  '703': 'SK',
  '704': 'VN',
  '705': 'SI',
  '706': 'SO',
  '710': 'ZA',
  '716': 'ZW',
  '724': 'ES',
  '728': 'SS',
  '729': 'SD',
  '732': 'EH',
  '740': 'SR',
  '748': 'SZ',
  '752': 'SE',
  '756': 'CH',
  '760': 'SY',
  '762': 'TJ',
  '764': 'TH',
  '768': 'TG',
  '780': 'TT',
  '784': 'AE',
  '788': 'TN',
  '792': 'TR',
  '795': 'TM',
  '800': 'UG',
  '804': 'UA',
  '807': 'MK',
  '818': 'EG',
  '826': 'GB',
  '834': 'TZ',
  '840': 'US',
  '854': 'BF',
  '858': 'UY',
  '860': 'UZ',
  '862': 'VE',
  '887': 'YE',
  '894': 'ZM',
}

/** Atlas features with no numeric id, by the name the atlas gives them. */
const NAMED_TO_ALPHA2: Readonly<Record<string, string>> = { Kosovo: 'XK' }

/** Countries too small for the 1:110m atlas, drawn as a dot at [longitude, latitude]. */
export const SMALL_COUNTRIES: Readonly<Record<string, [number, number]>> = {
  AD: [1.52, 42.51],
  BB: [-59.55, 13.17],
  BH: [50.55, 26.07],
  CV: [-23.6, 15.1],
  HK: [114.17, 22.32],
  LI: [9.55, 47.16],
  MC: [7.42, 43.74],
  MT: [14.44, 35.9],
  MU: [57.55, -20.3],
  MV: [73.5, 4.2],
  SC: [55.45, -4.62],
  SG: [103.82, 1.35],
  SM: [12.46, 43.94],
  VA: [12.45, 41.9],
}

/** The alpha-2 code of an atlas feature, or null for the few without one (Northern Cyprus, Somaliland). */
export function alpha2Of(id: string | number | undefined, name?: string): string | null {
  if (id !== undefined) return NUMERIC_TO_ALPHA2[String(id).padStart(3, '0')] ?? null
  return name ? (NAMED_TO_ALPHA2[name] ?? null) : null
}

export interface CountryFeature {
  code: string
  /** The atlas's own (English) name; the view shows the name in the UI language. */
  atlasName: string
  feature: Feature<Geometry>
}

type WorldTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>

/** The atlas's countries with their alpha-2 codes (Antarctica left out: no cooperative federation there, and it eats the page). */
export function worldCountries(topology: WorldTopology = worldData as unknown as WorldTopology): CountryFeature[] {
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>
  return collection.features.flatMap((f) => {
    const code = alpha2Of(f.id, f.properties?.name)
    return code && code !== 'AQ' ? [{ code, atlasName: f.properties.name, feature: f as Feature<Geometry> }] : []
  })
}

/** How many organisations the pack has in each country (an organisation covering several counts in each). */
export function countsByCountry(organisations: readonly Organisation[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const org of organisations) for (const code of new Set(org.countries)) counts.set(code, (counts.get(code) ?? 0) + 1)
  return counts
}

/** Organisations tied to no single country (world-wide and regional bodies), by region then name. */
export function notTiedToCountry(organisations: readonly Organisation[]): Organisation[] {
  const REGION_ORDER = ['world', 'europe', 'americas', 'north-america', 'mercosur', 'asia-pacific']
  return organisations
    .filter((o) => o.countries.length === 0)
    .sort(
      (a, b) =>
        REGION_ORDER.indexOf(a.region ?? '') - REGION_ORDER.indexOf(b.region ?? '') || shortName(a.names).localeCompare(shortName(b.names)),
    )
}

/** The organisations in one country, national bodies first, then by name. */
export function organisationsIn(organisations: readonly Organisation[], code: string, label: (o: Organisation) => string): Organisation[] {
  const single = (o: Organisation): number => (o.countries.length === 1 ? 0 : 1)
  return organisations.filter((o) => o.countries.includes(code)).sort((a, b) => single(a) - single(b) || label(a).localeCompare(label(b)))
}

/** The shading steps: 1, 2, 3–5, 6 or more. */
export const BUCKETS: readonly { from: number; to: number | null }[] = [
  { from: 1, to: 1 },
  { from: 2, to: 2 },
  { from: 3, to: 5 },
  { from: 6, to: null },
]

/** The shading step of a count: 0 for none, else 1 to BUCKETS.length. */
export function bucketOf(count: number): number {
  if (count <= 0) return 0
  const i = BUCKETS.findIndex((b) => count >= b.from && (b.to === null || count <= b.to))
  return i + 1
}

export const AREAS = ['world', 'europe'] as const
export type Area = (typeof AREAS)[number]

export const readArea = (query: Record<string, string>): Area => (query['area'] === 'europe' ? 'europe' : 'world')

/** A country code from the address (#/map/es → ES), or null when it is not two letters. */
export const readCountry = (id: string | null): string | null => (id && /^[A-Za-z]{2}$/.test(id) ? id.toUpperCase() : null)

export const MAP_WIDTH = 960
/** The map's frame: the world is twice as wide as tall; Europe, a taller continent, gets a taller frame. */
export const mapHeight = (area: Area): number => (area === 'europe' ? 580 : 500)

/** The projection for an area, fitted to the map's frame. */
export function projectionFor(area: Area, countries: readonly CountryFeature[]): GeoProjection {
  const pad = 10
  const frame: [[number, number], [number, number]] = [
    [pad, pad],
    [MAP_WIDTH - pad, mapHeight(area) - pad],
  ]
  if (area === 'europe') {
    // Lambert azimuthal equal-area centred on 10°E 52°N, as Europe's own statistical maps are drawn.
    // From Portugal to the Black Sea, from Malta and Crete to the North Cape.
    const corners: GeoPermissibleObjects = {
      type: 'MultiPoint',
      coordinates: [
        [-11, 36],
        [-11, 55],
        [14, 33.5],
        [31, 33.5],
        [38, 45],
        [33, 70],
        [20, 71.5],
      ],
    }
    return geoAzimuthalEqualArea().rotate([-10, -52]).fitExtent(frame, corners)
  }
  const world: GeoPermissibleObjects = { type: 'FeatureCollection', features: countries.map((c) => c.feature) }
  return geoNaturalEarth1().fitExtent(frame, world)
}

export interface DrawnCountry {
  code: string
  path: string
  /** Where a label or a dot goes; null when the country is off this area's frame. */
  centre: [number, number] | null
  small: boolean
}

/** SVG paths for every country, and dots for those too small for the atlas that the pack needs. */
export function drawCountries(area: Area, countries: readonly CountryFeature[], needed: Iterable<string>): DrawnCountry[] {
  const projection = projectionFor(area, countries)
  const path = geoPath(projection)
  const drawn: DrawnCountry[] = countries.map((c) => {
    const centre = path.centroid(c.feature)
    return { code: c.code, path: path(c.feature) ?? '', centre: Number.isFinite(centre[0]) ? centre : null, small: false }
  })
  const have = new Set(countries.map((c) => c.code))
  for (const code of new Set(needed)) {
    const at = SMALL_COUNTRIES[code]
    if (have.has(code) || !at) continue
    const point = projection(at)
    if (point) drawn.push({ code, path: '', centre: [point[0], point[1]], small: true })
  }
  return drawn
}

/** Countries the pack names that neither the atlas nor the dots can show. */
export function unplaceable(codes: Iterable<string>, countries: readonly CountryFeature[]): string[] {
  const have = new Set(countries.map((c) => c.code))
  return [...new Set(codes)].filter((c) => !have.has(c) && !SMALL_COUNTRIES[c]).sort()
}

/** The sphere's outline and a 10° graticule, drawn under the countries. */
export function backdrop(area: Area, countries: readonly CountryFeature[]): { sphere: string; graticule: string } {
  const path = geoPath(projectionFor(area, countries))
  return { sphere: path({ type: 'Sphere' }) ?? '', graticule: path(geoGraticule10()) ?? '' }
}
