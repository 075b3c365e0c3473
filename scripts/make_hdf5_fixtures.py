#!/usr/bin/env python3
"""Extra HDF5 reader fixtures (beyond ../shared/fixtures/hdf5) for the HDF5 module's tests.

Usage (needs h5py + numpy, e.g. /tmp/kref/bin/python):
    python scripts/make_hdf5_fixtures.py

Writes into Tests/Fixtures/hdf5/:
  extra/chunk_indexes.h5       libver='latest' chunked datasets: single chunk (plain and
                               filtered), implicit, fixed array (plain, filtered, paged),
                               v2 B-tree (plain and filtered), plus partially written chunks
  extra/dense_attributes.h5    dense attribute storage (fractal heap + v2 B-tree type 8),
                               including a 70 KB attribute (a "huge" heap object)
  extra/big_endian.h5          big-endian ints and floats, datasets and attributes
  extra/compact_and_fill.h5    compact layout, fill values of unwritten data, all int widths, float16
  extra/many_links_latest.h5   a libver='latest' group with 300 links (fractal heap indirect
                               root block, v2 B-tree of depth 1)
  extra/strings.h5             string datasets: vlen UTF-8, fixed-length, scalar
  extra/userblock.h5           a 512-byte user block before the superblock (addresses relative to it)
  extra/expected.json          h5py's view of the files above (same form as fixtures/hdf5)
  keras3/expected.json         h5py's view of the copied Keras files (every dataset by SHA-256)
  zlib/*.zz, zlib/*.txt        zlib streams (stored, fixed-Huffman and dynamic-Huffman blocks)
                               of the text beside them, for the Inflate tests and fuzzing
  unsupported/*.h5             files the reader must reject with a named error: soft and
                               external links, a compound dataset, an lzf-compressed dataset,
                               the extensible array chunk index
"""
import hashlib
import json
import os

import zlib

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "Tests", "Fixtures", "hdf5")


def describe(path):
    out = {"datasets": {}, "attributes": {}}

    def val(v):
        a = np.asarray(v)
        if a.dtype.kind in "SOU":
            return [x.decode() if isinstance(x, bytes) else str(x) for x in a.reshape(-1)]
        if a.dtype.kind == "b":
            return [bool(x) for x in a.reshape(-1)]
        return a.reshape(-1).tolist()

    def attr(v):
        a = np.asarray(v)
        if a.size <= 64 or a.dtype.kind in "SOU":
            return val(v)
        raw = np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()
        return {"shape": list(a.shape), "sha256": hashlib.sha256(raw).hexdigest()}

    def visit(name, obj):
        for k, v in obj.attrs.items():
            out["attributes"][f"/{name}@{k}"] = attr(v)
        if isinstance(obj, h5py.Dataset):
            a = obj[()]
            e = {"shape": list(obj.shape), "dtype": str(obj.dtype.newbyteorder("="))}
            if obj.dtype.kind == "O" or obj.dtype.kind == "S":
                e["values"] = val(a)
            else:
                raw = np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()
                if a.size <= 64 and obj.dtype.kind != "V":
                    e["values"] = val(a)
                else:
                    e["sha256"] = hashlib.sha256(raw).hexdigest()
            out["datasets"]["/" + name] = e

    with h5py.File(path, "r") as f:
        for k, v in f.attrs.items():
            out["attributes"][f"/@{k}"] = attr(v)
        f.visititems(visit)
    return out


def chunk_indexes(path):
    with h5py.File(path, "w", libver="latest") as f:
        f.create_dataset("single", data=np.arange(20, dtype="f4").reshape(5, 4), chunks=(5, 4))
        f.create_dataset("single_gzip", data=np.arange(20, dtype="i8").reshape(5, 4), chunks=(5, 4), compression="gzip")
        f.create_dataset("fixed", data=np.arange(70, dtype="f8").reshape(7, 10), chunks=(3, 4))
        f.create_dataset("fixed_gzip_shuffle", data=np.arange(300, dtype="i4").reshape(20, 15), chunks=(6, 4),
                         compression="gzip", shuffle=True, fletcher32=True)
        f.create_dataset("fixed_paged", data=(np.arange(3000) % 251).astype("u1"), chunks=(2,))
        f.create_dataset("btree2", data=np.arange(60, dtype="i2").reshape(6, 10), chunks=(4, 3), maxshape=(None, None))
        f.create_dataset("btree2_gzip", data=np.arange(60, dtype="f4").reshape(6, 10), chunks=(4, 3),
                         maxshape=(None, None), compression="gzip")
        part = f.create_dataset("partial", shape=(10, 10), dtype="i4", chunks=(5, 5), fillvalue=-1)
        part[0:5, 0:5] = np.arange(25, dtype="i4").reshape(5, 5)
        # Implicit index: unfiltered chunks allocated early (low-level API).
        space = h5py.h5s.create_simple((8, 6))
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_chunk((4, 3))
        dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
        dsid = h5py.h5d.create(f.id, b"implicit", h5py.h5t.NATIVE_INT16, space, dcpl=dcpl)
        h5py.Dataset(dsid)[...] = np.arange(48, dtype="i2").reshape(8, 6)


def dense_attributes(path):
    with h5py.File(path, "w", libver="latest") as f:
        g = f.create_group("g", track_order=True)
        for i in range(20):
            g.attrs[f"attr_{i:02d}"] = np.int32(i)
        g.attrs["text"] = "dense storage"
        g.attrs["huge"] = (np.arange(70000) % 127).astype("i1")
        d = f.create_dataset("d", data=np.zeros(3, "f4"))
        for i in range(12):
            d.attrs[f"a{i}"] = float(i) / 4


def big_endian(path):
    with h5py.File(path, "w") as f:
        f.create_dataset("f4", data=np.array([1.5, -2.25, 3e-5], dtype=">f4"))
        f.create_dataset("f8", data=np.array([[1.0, -1e300], [np.pi, 0.0]], dtype=">f8"))
        f.create_dataset("i2", data=np.array([-2, 300, -32768], dtype=">i2"))
        f.create_dataset("u4", data=np.array([1, 4000000000], dtype=">u4"))
        f.attrs["i8"] = np.array([-5, 1 << 40], dtype=">i8")
        f.attrs["f2"] = np.array([0.5, -65504.0], dtype=">f2")


def compact_and_fill(path):
    with h5py.File(path, "w") as f:
        space = h5py.h5s.create_simple((2, 3))
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        dsid = h5py.h5d.create(f.id, b"compact", h5py.h5t.NATIVE_FLOAT, space, dcpl=dcpl)
        h5py.Dataset(dsid)[...] = np.array([[1, 2, 3], [4, 5, 6]], "f4")
        f.create_dataset("unwritten_fill", shape=(4,), dtype="i2", fillvalue=7)
        f.create_dataset("unwritten_zero", shape=(2, 2), dtype="f8")
        for t in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2"]:
            info = np.iinfo(t) if t[0] in "iu" else np.finfo(t)
            f.create_dataset(t, data=np.array([info.min, 0, info.max], dtype=t))
        f.create_dataset("scalar_f4", data=np.float32(2.5))
        f.create_dataset("bool2d", data=np.array([[True, False], [False, True]]))


def many_links(path):
    with h5py.File(path, "w", libver="latest") as f:
        g = f.create_group("many")
        target = f.create_dataset("target", data=np.int64(42))
        for i in range(300):
            g[f"link_with_a_longer_name_{i:04d}"] = target


def strings(path):
    with h5py.File(path, "w") as f:
        f.create_dataset("vlen_utf8", data=["alpha", "βeta", "", "a longer string of text"],
                         dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("fixed", data=np.array([[b"ab", b"cde"], [b"", b"fghij"]], dtype="S5"))
        f.create_dataset("scalar_vlen", data="just one", dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("vlen_ascii", data=[b"x", b"yz"], dtype=h5py.string_dtype("ascii"))


def userblock(path):
    with h5py.File(path, "w", userblock_size=512) as f:
        f.create_group("g").attrs["name"] = "after a user block"
        f["g"].create_dataset("x", data=np.arange(6, dtype="f4").reshape(2, 3))
    with open(path, "r+b") as f:
        f.write(b"user block text, ignored by HDF5 readers")


def unsupported(outdir):
    with h5py.File(f"{outdir}/soft_link.h5", "w") as f:
        f.create_dataset("real", data=np.zeros(2, "f4"))
        f["alias"] = h5py.SoftLink("/real")
    with h5py.File(f"{outdir}/external_link.h5", "w") as f:
        f["elsewhere"] = h5py.ExternalLink("other.h5", "/x")
    with h5py.File(f"{outdir}/compound.h5", "w") as f:
        f.create_dataset("pairs", data=np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]))
    with h5py.File(f"{outdir}/lzf.h5", "w") as f:
        f.create_dataset("packed", data=np.zeros(100, dtype="f4"), chunks=(50,), compression="lzf")
    with h5py.File(f"{outdir}/extensible_array.h5", "w", libver="latest") as f:
        f.create_dataset("growing", data=np.arange(10, dtype="f4"), chunks=(4,), maxshape=(None,))


def zlib_samples(outdir):
    os.makedirs(outdir, exist_ok=True)
    text = "".join(f"{i} the quick brown fox jumps over the lazy dog {i * i % 97}\n" for i in range(40)).encode()
    samples = {"stored": (text[:300], 0), "fixed": (b"hello hello hello hdf5 " * 4, 1), "dynamic": (text, 9)}
    for name, (data, level) in samples.items():
        with open(f"{outdir}/{name}.txt", "wb") as f:
            f.write(data)
        with open(f"{outdir}/{name}.zz", "wb") as f:
            f.write(zlib.compress(data, level))


def main():
    zlib_samples(os.path.join(OUT, "zlib"))
    extra = os.path.join(OUT, "extra")
    os.makedirs(extra, exist_ok=True)
    makers = {"chunk_indexes.h5": chunk_indexes, "dense_attributes.h5": dense_attributes,
              "big_endian.h5": big_endian, "compact_and_fill.h5": compact_and_fill,
              "many_links_latest.h5": many_links, "strings.h5": strings, "userblock.h5": userblock}
    expected = {}
    for name, make in makers.items():
        make(os.path.join(extra, name))
        expected[name] = describe(os.path.join(extra, name))
    with open(os.path.join(extra, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    keras = os.path.join(OUT, "keras3")
    expected = {n: describe(os.path.join(keras, n)) for n in sorted(os.listdir(keras)) if n.endswith(".h5")}
    with open(os.path.join(keras, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    os.makedirs(os.path.join(OUT, "unsupported"), exist_ok=True)
    unsupported(os.path.join(OUT, "unsupported"))
    print("wrote", OUT, "with h5py", h5py.__version__, "HDF5", h5py.version.hdf5_version)


if __name__ == "__main__":
    main()
