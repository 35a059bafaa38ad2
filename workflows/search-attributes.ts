// Custom search attributes, registered with the dev server by scripts/ and set by the workflows,
// so CUs and municipalities can be listed without opening each workflow.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  status: defineSearchAttributeKey('UdmeldStatus', SearchAttributeType.KEYWORD),
  region: defineSearchAttributeKey('UdmeldRegion', SearchAttributeType.KEYWORD),
  cuId: defineSearchAttributeKey('UdmeldCuId', SearchAttributeType.KEYWORD),
  municipality: defineSearchAttributeKey('UdmeldMunicipality', SearchAttributeType.KEYWORD),
  municipalDeadline: defineSearchAttributeKey('UdmeldMunicipalDeadline', SearchAttributeType.DATETIME),
  nationalDeadline: defineSearchAttributeKey('UdmeldNationalDeadline', SearchAttributeType.DATETIME),
} as const;

export const SEARCH_ATTRIBUTE_KEYS = Object.values(SA);
