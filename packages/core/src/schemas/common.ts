import * as z from 'zod/mini'
import { CHANNELS, DOMAINS, MESSAGE_TYPES, ROLES, STAFF_ROLES, STATUSES } from '../enums.js'

/**
 * Building blocks shared by the wire schemas. Text fields are trimmed first and then measured in
 * Unicode code points (an emoji or a CJK extension character counts as one), which is also what
 * JSON Schema's `minLength`/`maxLength` count.
 */

/**
 * `schema.check(...checks)` as a call bundlers may drop when its result is unused, so a page that
 * imports one schema does not carry the rest.
 */
/* @__NO_SIDE_EFFECTS__ */
export function checked<T extends z.core.$ZodType>(schema: T & { check(...checks: z.core.$ZodCheck<z.output<T>>[]): T }, ...checks: z.core.$ZodCheck<z.output<T>>[]): T {
  return schema.check(...checks)
}

/** A trimmed string of `min`–`max` code points. */
/* @__NO_SIDE_EFFECTS__ */
export function text(min: number, max: number) {
  return checked(z.string(), z.trim(), z.minLength(min), z.maxLength(max))
}

/** An opaque identifier (message, board, post, event). */
export const IdSchema = checked(z.string(), z.minLength(1), z.maxLength(64))

/** An ISO 8601 timestamp with `Z` or an explicit offset, e.g. `2026-10-10T23:59:59.999+08:00`. */
export const DateTimeSchema = z.iso.datetime({ offset: true })

/** A mainland China mobile number: 11 digits starting 13–19. */
export const MobilePhoneSchema = checked(z.string(), 
  z.trim(),
  z.regex(/^1[3-9]\d{9}$/, { error: 'invalid_phone' }),
)

export const MessageTypeSchema = z.enum(MESSAGE_TYPES)
export const DomainSchema = z.enum(DOMAINS)
export const MessageStatusSchema = z.enum(STATUSES)
export const RoleSchema = z.enum(ROLES)
export const StaffRoleSchema = z.enum(STAFF_ROLES)
export const ChannelSchema = z.enum(CHANNELS)

/** A GB/T 2260 administrative division code: six digits, e.g. `220100` (长春市). */
export const RegionCodeSchema = checked(z.string(), z.regex(/^\d{6}$/, { error: 'invalid_region' }))

/** Coordinates in WGS-84 degrees. */
export const CoordinatesSchema = z.strictObject({
  lat: checked(z.number(), z.gte(-90), z.lte(90)),
  lng: checked(z.number(), z.gte(-180), z.lte(180)),
})

/** A reference to an uploaded image: an absolute URL or an opaque storage key. */
export const ImageRefSchema = checked(z.string(), z.trim(), z.minLength(1), z.maxLength(2048))

/**
 * The alphabet of tracking codes: digits and Latin letters without the look-alikes 0, O, 1, l, I,
 * so a code can be read aloud over the phone.
 */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** A tracking code (查询码): 12 characters of {@link TRACKING_CODE_ALPHABET}. */
export const TrackingCodeSchema = checked(z.string(), 
  z.regex(/^[2-9A-HJ-NP-Za-km-z]{12}$/, { error: 'invalid_tracking_code' }),
)
