/**
 * A stand-in for an Electron binary, for the fuse and packaging tests: a few bytes around the fuse wire exactly
 * as Electron lays it out (the sentinel, the wire version, the wire length, one byte per fuse: '0' off, '1' on).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's own defaults, in FuseV1Options order: RunAsNode on … GrantFileProtocolExtraPrivileges on. */
export const ELECTRON_DEFAULT_WIRE = '10110001'

export async function writeFakeElectron(file: string, wire: string = ELECTRON_DEFAULT_WIRE, sentinel = FUSE_SENTINEL): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const bytes = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "a stand-in for Electron"\nexit 1\n'),
    Buffer.from(sentinel, 'latin1'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire, 'latin1'),
    Buffer.from('\n'),
  ])
  await writeFile(file, bytes, { mode: 0o755 })
}
