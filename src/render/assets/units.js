/*
 * Value formatting for the flame graph page: the page's port of src/report/units.ts, so
 * tooltips print values and percentages exactly as `pprof-ts top` (and `go tool pprof`) do:
 * unit scaling by families, Go's `%.2f` with a `.00` suffix dropped, and pprof's percentages
 * (`%5.2f%%` from 1% up, `%5.2g%%` below, 100% within ±0.05). Go rounds the exact binary
 * value half to even, which Number#toFixed does not, so digits come from the exact decimal
 * expansion of the float64 (BigInt) instead. Plain browser JavaScript, no dependencies.
 */
'use strict';

var PprofUnits = (function () {
  // [name, aliases, factor]; see UNIT_FAMILIES in src/report/units.ts for why these values.
  var FAMILIES = [
    {
      units: [['B', ['b', 'byte'], 1], ['kB', ['kb', 'kbyte', 'kilobyte'], 1024],
        ['MB', ['mb', 'mbyte', 'megabyte'], 1048576], ['GB', ['gb', 'gbyte', 'gigabyte'], 1073741824],
        ['TB', ['tb', 'tbyte', 'terabyte'], 1099511627776], ['PB', ['pb', 'pbyte', 'petabyte'], 1125899906842624]],
      fallback: ['B', 1],
    },
    {
      units: [['ns', ['ns', 'nanosecond'], 1], ['us', ['\u03bcs', 'us', 'microsecond'], 1e3],
        ['ms', ['ms', 'millisecond'], 1e6], ['s', ['s', 'sec', 'second'], 1e9], ['hrs', ['hour', 'hr'], 3600e9]],
      fallback: ['s', 1e9],
    },
    {
      units: [['n*GCU', ['nanogcu'], 1e-9], ['u*GCU', ['microgcu'], 1e-6], ['m*GCU', ['milligcu'], 1e-3],
        ['GCU', ['gcu'], 1], ['k*GCU', ['kilogcu'], 1e3], ['M*GCU', ['megagcu'], 1e6], ['G*GCU', ['gigagcu'], 1e9],
        ['T*GCU', ['teragcu'], 1e12], ['P*GCU', ['petagcu'], 1e15]],
      fallback: ['GCU', 1],
    },
  ];
  var SILENT = { count: true, sample: true, unit: true, minimum: true, auto: true };
  var encoder = new TextEncoder();

  function lookup(family, unit) {
    var key = unit.toLowerCase();
    // pprof drops a plural "s" only from units longer than 2 bytes of UTF-8.
    if (encoder.encode(key).length > 2 && key.charAt(key.length - 1) === 's') key = key.slice(0, -1);
    for (var i = 0; i < family.units.length; i++) {
      if (family.units[i][1].indexOf(key) >= 0) return family.units[i];
    }
    return null;
  }

  /** pprof's measurement.Scale: {value, unit}. */
  function scale(value, from, to) {
    if (value < 0) {
      var pos = scale(-value, from, to);
      return { value: -pos.value, unit: pos.unit };
    }
    for (var f = 0; f < FAMILIES.length; f++) {
      var family = FAMILIES[f];
      var source = lookup(family, from);
      if (source === null) continue;
      var base = value * source[2];
      if (to === 'auto' || to === 'minimum') {
        var best = null;
        for (var i = 0; i < family.units.length; i++) {
          var u = family.units[i];
          if ((best === null || u[2] >= best[2]) && base / u[2] >= 1) best = u;
        }
        if (best !== null) return { value: base / best[2], unit: best[0] };
      } else {
        var dst = lookup(family, to);
        if (dst !== null) return { value: base / dst[2], unit: dst[0] };
      }
      return { value: base / family.fallback[1], unit: family.fallback[0] };
    }
    return { value: value, unit: SILENT[to] === true ? '' : to };
  }

  /** Exact decimal digits of a finite x >= 0: x = 0.D × 10^dp, no trailing zeros ('' is zero). */
  function exactDigits(x) {
    if (x === 0) return { d: '', dp: 0 };
    var view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    var hi = view.getUint32(0);
    var biased = (hi >>> 20) & 0x7ff;
    var mant = (BigInt(hi & 0xfffff) << BigInt(32)) | BigInt(view.getUint32(4));
    var exp2 = -1074;
    if (biased !== 0) {
      mant = mant | (BigInt(1) << BigInt(52));
      exp2 = biased - 1075;
    }
    var text;
    var dp;
    if (exp2 >= 0) {
      text = (mant << BigInt(exp2)).toString();
      dp = text.length;
    } else {
      text = (mant * BigInt(5) ** BigInt(-exp2)).toString(); // m / 2^k = m * 5^k / 10^k
      dp = text.length + exp2;
    }
    return { d: text.replace(/0+$/, ''), dp: dp };
  }

  /** Keeps n leading digits, rounding the exact value half to even. */
  function roundDigits(g, n) {
    if (n < 0) return { d: '', dp: 0 };
    if (n >= g.d.length) return g;
    var next = g.d.charCodeAt(n) - 48;
    var more = n + 1 < g.d.length;
    var up = next > 5 || (next === 5 && more) ||
      (next === 5 && !more && n > 0 && (g.d.charCodeAt(n - 1) - 48) % 2 === 1);
    var kept = g.d.slice(0, n);
    var dp = g.dp;
    if (up) {
      var i = kept.length - 1;
      while (i >= 0 && kept.charAt(i) === '9') i--;
      if (i < 0) {
        kept = '1';
        dp += 1;
      } else {
        kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
      }
    }
    kept = kept.replace(/0+$/, '');
    return kept === '' ? { d: '', dp: 0 } : { d: kept, dp: dp };
  }

  function digitAt(g, i) {
    return i >= 0 && i < g.d.length ? g.d.charAt(i) : '0';
  }

  function layoutF(g, frac) {
    var out = '';
    if (g.dp > 0) for (var i = 0; i < g.dp; i++) out += digitAt(g, i);
    else out = '0';
    if (frac > 0) {
      out += '.';
      for (var j = 0; j < frac; j++) out += digitAt(g, g.dp + j);
    }
    return out;
  }

  function layoutE(g, frac) {
    var out = digitAt(g, 0);
    if (frac > 0) {
      out += '.';
      for (var i = 1; i <= frac; i++) out += digitAt(g, i);
    }
    var exp = g.d === '' ? 0 : g.dp - 1;
    var abs = Math.abs(exp);
    return out + 'e' + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' : '') + abs;
  }

  /** Go's %.{prec}f of x >= 0. */
  function fixed(x, prec) {
    var g = exactDigits(x);
    return layoutF(roundDigits(g, g.dp + prec), prec);
  }

  /** Go's %.{prec}g of x >= 0 (explicit precision: no trailing zeros). */
  function general(x, prec) {
    var g = roundDigits(exactDigits(x), prec);
    var nd = g.d.length;
    var eprec = prec;
    if (eprec > nd && nd >= g.dp) eprec = nd;
    var exp = g.dp - 1;
    if (exp < -4 || exp >= eprec) return layoutE(g, (prec > nd ? nd : prec) - 1);
    return layoutF(g, Math.max((prec > g.dp ? nd : prec) - g.dp, 0));
  }

  /** pprof's ScaledLabel with an explicit output unit, e.g. "1.20s", "512kB", "0". */
  function scaled(value, unit, outputUnit) {
    var s = scale(value, unit, outputUnit);
    var text = (s.value < 0 ? '-' : '') + fixed(Math.abs(s.value), 2);
    if (text.slice(-3) === '.00') text = text.slice(0, -3);
    if (text === '0' || text === '-0') return '0';
    return text + s.unit;
  }

  /** pprof's percentage of value in total, without the column padding: "24.55%", "0.12%", "100%". */
  function percent(value, total) {
    var ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
    if (ratio >= 99.95 && ratio <= 100.05) return '100%';
    if (ratio >= 1) return fixed(ratio, 2) + '%';
    return general(ratio, 2) + '%';
  }

  return { scale: scale, scaled: scaled, percent: percent };
})();
