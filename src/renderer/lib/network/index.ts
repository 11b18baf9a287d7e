/** The network view's model: its layout, the network in a year, moving by keyboard, and one organisation's links. */
export {
  GEOMETRY,
  type Box,
  type Caption,
  type Connector,
  type LayoutOptions,
  type NetworkEdge,
  type NetworkLayout,
  type NetworkNode,
  type OutlineGroup,
  type OutlineItem,
  type TextStyle,
} from './geometry'
export { isStructural } from './hierarchy'
export { spreadRow } from './hubs'
export { shiftX } from './edges'
export { layoutNetwork } from './layout'
export { estimateWidth, textMeasurer, wrapLabel } from './text'
export { foundedLabel, foundedYear, readYear, relationHeld, snapshot, yearExtent, type Snapshot } from './years'
export { nodeInDirection } from './keyboard'
export { linkedTo, linkGroups, nodesById, RELATION_TYPES, uniqueInOrder, type LinkGroup } from './links'
