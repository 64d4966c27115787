/**
 * Go-style function names for the benchmark generator: a few thousand
 * plausible functions of a Calico-like daemon (felix, typha, client-go,
 * grpc, netlink), the standard library and the runtime, each with a source
 * file and start line. Built deterministically from word lists and a seeded Rng.
 */

import { Rng } from './rng.js';

/** Where a function sits in a typical stack, root to leaf. */
export type FnKind = 'entry' | 'app' | 'lib' | 'leaf' | 'rt';

/** One generated function. */
export interface FnSpec {
  readonly name: string;
  readonly filename: string;
  readonly startLine: number;
  readonly kind: FnKind;
  /** Small enough for the Go compiler to inline it into callers. */
  readonly inlinable: boolean;
}

const GOROOT = '/usr/local/go/src';
const GOPATH = '/go/pkg/mod';

const APP_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'github.com/projectcalico/calico/felix/dataplane/linux': ['endpointManager', 'InternalDataplane', 'policyManager',
    'ipSetsManager', 'routeManager', 'masqManager', 'vxlanManager', 'hostIPManager', 'floatingIPManager'],
  'github.com/projectcalico/calico/felix/calc': ['ActiveRulesCalculator', 'PolicyResolver', 'RuleScanner',
    'EventSequencer', 'CalcGraph', 'ProfileDecoder', 'L3RouteResolver'],
  'github.com/projectcalico/calico/felix/iptables': ['Table', 'Renderer', 'MatchCriteria', 'chainHashes'],
  'github.com/projectcalico/calico/felix/ipsets': ['IPSets', 'ipSet', 'IPVersionConfig', 'restoreWriter'],
  'github.com/projectcalico/calico/felix/routetable': ['RouteTable', 'routeTarget', 'conntrackCleaner'],
  'github.com/projectcalico/calico/felix/bpf/maps': ['PinnedMap', 'Iterator', 'mapCache'],
  'github.com/projectcalico/calico/felix/labelindex': ['InheritIndex', 'SelectorAndNamedPortIndex', 'labelNamesIndex'],
  'github.com/projectcalico/calico/felix/dispatcher': ['SyncerCallbacksDecoupler', 'Dispatcher'],
  'github.com/projectcalico/calico/libcalico-go/lib/selector/parser': ['Parser', 'tokenizer', 'LabelEqValueNode'],
  'github.com/projectcalico/calico/libcalico-go/lib/backend/syncersv1/updateprocessors': ['conflictResolvingCache',
    'simpleUpdateProcessor'],
  'github.com/projectcalico/calico/typha/pkg/syncclient': ['SyncerClient', 'decoderReader'],
  'k8s.io/client-go/tools/cache': ['Reflector', 'DeltaFIFO', 'threadSafeMap', 'sharedIndexInformer', 'processorListener'],
  'k8s.io/apimachinery/pkg/runtime': ['Scheme', 'unstructuredConverter', 'codec'],
  'k8s.io/apimachinery/pkg/util/wait': ['Backoff', 'Group'],
  'github.com/vishvananda/netlink': ['Handle', 'LinkAttrs', 'Route', 'Neigh'],
  'github.com/vishvananda/netlink/nl': ['NetlinkRequest', 'NetlinkSocket', 'RtAttr'],
  'google.golang.org/grpc': ['Server', 'ClientConn', 'serverStream', 'addrConn'],
  'google.golang.org/grpc/internal/transport': ['http2Server', 'controlBuffer', 'loopyWriter', 'recvBufferReader'],
  'google.golang.org/protobuf/internal/impl': ['MessageInfo', 'messageState', 'coderFieldInfo'],
  'github.com/sirupsen/logrus': ['Entry', 'TextFormatter', 'Logger'],
  'github.com/prometheus/client_golang/prometheus': ['Registry', 'counterVec', 'histogram', 'summary'],
  'github.com/gogo/protobuf/proto': ['Buffer', 'InternalMessageInfo', 'marshalInfo'],
};

const LIB_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'encoding/json': ['decodeState', 'encodeState', 'Decoder', 'scanner'],
  'net/http': ['conn', 'Transport', 'persistConn', 'response', 'Request'],
  'net': ['conn', 'netFD', 'Resolver'],
  'bufio': ['Reader', 'Writer', 'Scanner'],
  'bytes': ['Buffer'],
  'strings': ['Builder', 'Reader'],
  'fmt': ['pp', 'ss', 'buffer'],
  'sort': ['reverse'],
  'reflect': ['Value', 'rtype', 'MapIter'],
  'sync': ['Mutex', 'RWMutex', 'Pool', 'Map', 'WaitGroup', 'Once'],
  'os': ['File', 'Process'],
  'os/exec': ['Cmd'],
  'io': ['multiReader', 'pipe', 'LimitedReader'],
  'time': ['Timer', 'Time', 'Ticker'],
  'context': ['cancelCtx', 'timerCtx'],
  'regexp': ['Regexp', 'machine', 'bitState'],
  'crypto/sha256': ['digest'],
  'compress/gzip': ['Writer', 'Reader'],
  'compress/flate': ['compressor', 'decompressor', 'huffmanEncoder'],
  'internal/poll': ['FD', 'pollDesc', 'fdMutex'],
  'strconv': ['decimal'],
  'unicode/utf8': ['acceptRange'],
};

/** Real Go runtime and syscall leaf functions with their source files. */
const RUNTIME_LEAVES: ReadonlyArray<readonly [string, string]> = [
  ['runtime.mallocgc', 'malloc.go'], ['runtime.memmove', 'memmove_amd64.s'],
  ['runtime.memclrNoHeapPointers', 'memclr_amd64.s'], ['runtime.mapaccess2_faststr', 'map_faststr.go'],
  ['runtime.mapassign_faststr', 'map_faststr.go'], ['runtime.mapaccess1', 'map.go'], ['runtime.mapiternext', 'map.go'],
  ['runtime.growslice', 'slice.go'], ['runtime.newobject', 'malloc.go'], ['runtime.makeslice', 'slice.go'],
  ['runtime.heapBitsSetType', 'mbitmap.go'], ['runtime.concatstrings', 'string.go'],
  ['runtime.slicebytetostring', 'string.go'], ['runtime.typedmemmove', 'mbarrier.go'],
  ['runtime.wbBufFlush1', 'mwbbuf.go'], ['runtime.gcWriteBarrier', 'asm_amd64.s'], ['runtime.memequal', 'asm_amd64.s'],
  ['runtime.aeshashbody', 'asm_amd64.s'], ['runtime.(*mcache).refill', 'mcache.go'],
  ['runtime.(*mcentral).cacheSpan', 'mcentral.go'], ['runtime.(*mheap).alloc', 'mheap.go'],
  ['runtime.futex', 'sys_linux_amd64.s'], ['runtime.usleep', 'sys_linux_amd64.s'], ['runtime.nanotime1', 'sys_linux_amd64.s'],
  ['runtime.lock2', 'lock_futex.go'], ['runtime.unlock2', 'lock_futex.go'], ['runtime.selectgo', 'select.go'],
  ['runtime.chanrecv', 'chan.go'], ['runtime.chansend', 'chan.go'], ['runtime.deductAssistCredit', 'malloc.go'],
  ['runtime.gcAssistAlloc', 'mgcmark.go'], ['runtime.convTstring', 'iface.go'], ['runtime.assertE2I2', 'iface.go'],
  ['runtime.getitab', 'iface.go'], ['runtime.mapdelete_faststr', 'map_faststr.go'], ['runtime.makemap', 'map.go'],
  ['runtime.procyield', 'asm_amd64.s'], ['runtime.cmpbody', 'internal/bytealg/compare_amd64.s'],
  ['runtime.indexbytebody', 'internal/bytealg/indexbyte_amd64.s'], ['syscall.Syscall', 'syscall/syscall_linux.go'],
  ['syscall.Syscall6', 'syscall/syscall_linux.go'], ['syscall.RawSyscall6', 'syscall/asm_linux_amd64.s'],
  ['runtime/internal/syscall.Syscall6', 'runtime/internal/syscall/asm_linux_amd64.s'],
];

/** Runtime-internal functions (scheduler, GC) making up short runtime stacks. */
const RUNTIME_INTERNAL: ReadonlyArray<readonly [string, string]> = [
  ['runtime.gcBgMarkWorker', 'mgc.go'], ['runtime.gcDrain', 'mgcmark.go'], ['runtime.scanobject', 'mgcmark.go'],
  ['runtime.greyobject', 'mgcmark.go'], ['runtime.findObject', 'mbitmap.go'], ['runtime.markroot', 'mgcmark.go'],
  ['runtime.scanstack', 'mgcmark.go'], ['runtime.scanframeworker', 'mgcmark.go'], ['runtime.gentraceback', 'traceback.go'],
  ['runtime.pcvalue', 'symtab.go'], ['runtime.(*gcWork).tryGet', 'mgcwork.go'], ['runtime.bgsweep', 'mgcsweep.go'],
  ['runtime.sweepone', 'mgcsweep.go'], ['runtime.(*sweepLocked).sweep', 'mgcsweep.go'], ['runtime.mcall', 'asm_amd64.s'],
  ['runtime.park_m', 'proc.go'], ['runtime.schedule', 'proc.go'], ['runtime.findrunnable', 'proc.go'],
  ['runtime.stealWork', 'proc.go'], ['runtime.runqgrab', 'proc.go'], ['runtime.netpoll', 'netpoll_epoll.go'],
  ['runtime.epollwait', 'sys_linux_amd64.s'], ['runtime.stopm', 'proc.go'], ['runtime.notesleep', 'lock_futex.go'],
  ['runtime.futexsleep', 'os_linux.go'], ['runtime.systemstack', 'asm_amd64.s'], ['runtime.morestack', 'asm_amd64.s'],
  ['runtime.newstack', 'stack.go'], ['runtime.copystack', 'stack.go'], ['runtime.bgscavenge', 'mgcscavenge.go'],
  ['runtime.(*pageAlloc).scavenge', 'mgcscavenge.go'], ['runtime.sysUnused', 'mem_linux.go'], ['runtime.madvise', 'sys_linux_amd64.s'],
  ['runtime.forEachP', 'proc.go'], ['runtime.gcMarkDone', 'mgc.go'], ['runtime.wbBufFlush', 'mwbbuf.go'],
];

const VERBS = ['resolve', 'apply', 'update', 'sync', 'flush', 'handle', 'process', 'compute', 'lookup', 'insert',
  'delete', 'scan', 'marshal', 'unmarshal', 'encode', 'decode', 'read', 'write', 'parse', 'render', 'validate',
  'merge', 'index', 'match', 'dispatch', 'enqueue', 'drain', 'calculate', 'refresh', 'notify', 'reconcile',
  'register', 'queue', 'mark', 'load', 'store', 'build', 'check', 'on', 'get', 'set', 'list', 'watch', 'send', 'recv'];
const NOUNS = ['WorkloadEndpoints', 'Rules', 'Chains', 'IPSets', 'Routes', 'Policy', 'Profiles', 'Labels', 'Selectors',
  'Members', 'Buffer', 'Message', 'Batch', 'Entries', 'Keys', 'Cache', 'State', 'Config', 'Stats', 'Conntrack',
  'Neighbors', 'Interfaces', 'Addrs', 'Endpoint', 'Update', 'Deltas', 'Items', 'Frame', 'Header', 'Value', 'Field',
  'Tiers', 'NamedPorts', 'HostEndpoints', 'Blocks', 'Tunnels', 'Counters', 'Histogram', 'Request', 'Response'];

const LIB_VERBS = ['read', 'write', 'encode', 'decode', 'flush', 'reset', 'grow', 'next', 'scan', 'index', 'split',
  'append', 'lock', 'unlock', 'load', 'store', 'put', 'get', 'fill', 'peek', 'skip', 'parse', 'format', 'compare',
  'hash', 'sum', 'copy', 'try', 'do', 'wait'];
const LIB_NOUNS = ['', 'Byte', 'Bytes', 'String', 'Rune', 'Slice', 'Literal', 'Value', 'Block', 'Header', 'Field', 'Map',
  'Int', 'Uint', 'Float', 'Struct', 'Array', 'Interface', 'Ptr', 'Deadline', 'Slow', 'Fast', 'Locked', 'Buffered'];

/** A snake_case file name for a Go type, e.g. endpointManager -> endpoint_manager.go. */
function fileFor(typeName: string): string {
  return typeName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() + '.go';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Builds the function catalog: about `appPerPackage` functions for each
 * application package and `libPerPackage` for each standard-library package,
 * plus the fixed runtime lists and the goroutine entry points.
 */
export function buildCatalog(rng: Rng, appPerPackage = 110, libPerPackage = 24): FnSpec[] {
  const out: FnSpec[] = [];
  const seen = new Set<string>();
  const add = (name: string, filename: string, kind: FnKind, inlinable: boolean): void => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, filename, startLine: rng.range(20, 2400), kind, inlinable });
  };

  add('runtime.goexit', `${GOROOT}/runtime/asm_amd64.s`, 'rt', false);
  add('runtime.main', `${GOROOT}/runtime/proc.go`, 'entry', false);
  add('main.main', '/go/src/github.com/projectcalico/calico/cmd/calico-node/main.go', 'entry', false);
  const entries: ReadonlyArray<readonly [string, string]> = [
    ['github.com/projectcalico/calico/felix/dataplane/linux.(*InternalDataplane).loopUpdatingDataplane', 'int_dataplane.go'],
    ['github.com/projectcalico/calico/felix/calc.(*AsyncCalcGraph).loop', 'async_calc_graph.go'],
    ['github.com/projectcalico/calico/felix/dispatcher.(*SyncerCallbacksDecoupler).SendTo', 'decoupler.go'],
    ['github.com/projectcalico/calico/typha/pkg/syncclient.(*SyncerClient).loop', 'sync_client.go'],
    ['github.com/projectcalico/calico/felix/routetable.(*RouteTable).Apply.func1', 'route_table.go'],
    ['k8s.io/apimachinery/pkg/util/wait.JitterUntil.func1', 'wait.go'],
    ['k8s.io/client-go/tools/cache.(*processorListener).run', 'shared_informer.go'],
    ['net/http.(*conn).serve', 'server.go'],
    ['google.golang.org/grpc.(*Server).serveStreams.func1.2', 'server.go'],
    ['google.golang.org/grpc/internal/transport.newHTTP2Server.func2', 'http2_server.go'],
    ['github.com/projectcalico/calico/felix/statusrep.(*EndpointStatusReporter).loopHandlingEndpointStatusUpdates', 'status_reporter.go'],
    ['github.com/projectcalico/calico/felix/jitter.(*Ticker).loop', 'jitter.go'],
  ];
  for (const [name, file] of entries) {
    const pkg = name.slice(0, name.lastIndexOf('/') + name.slice(name.lastIndexOf('/')).indexOf('.'));
    add(name, pkg.startsWith('net/') || pkg === 'net' ? `${GOROOT}/${pkg}/${file}` : `${GOPATH}/${pkg}/${file}`, 'entry', false);
  }
  for (const [name, file] of RUNTIME_INTERNAL) add(name, `${GOROOT}/runtime/${file}`, 'rt', false);
  for (const [name, file] of RUNTIME_LEAVES) {
    const path = file.includes('/') ? `${GOROOT}/${file}` : `${GOROOT}/runtime/${file}`;
    add(name, path, 'leaf', /memequal|nanotime|getitab|convT/.test(name));
  }
  const gen = (pkgs: Readonly<Record<string, readonly string[]>>, per: number, kind: FnKind, root: string): void => {
    const verbs = kind === 'lib' ? LIB_VERBS : VERBS;
    const nouns = kind === 'lib' ? LIB_NOUNS : NOUNS;
    for (const [pkg, types] of Object.entries(pkgs)) {
      const short = pkg.slice(pkg.lastIndexOf('/') + 1);
      for (let made = 0, tries = 0; made < per && tries < per * 20; tries++) {
        const verb = rng.pick(verbs);
        const noun = rng.pick(nouns);
        const exported = rng.chance(0.4);
        const method = (exported ? capitalize(verb) : verb) + noun;
        const shape = rng.int(10);
        const type = rng.pick(types);
        let name: string;
        if (shape < 6) name = `${pkg}.(*${type}).${method}`;
        else if (shape < 7) name = `${pkg}.${type}.${method}`;
        else if (shape < 9) name = `${pkg}.${method}`;
        else name = `${pkg}.(*${type}).${method}.func${rng.range(1, 4)}`;
        const file = shape === 7 || shape === 8 ? `${short}.go` : fileFor(type);
        const before = out.length;
        add(name, `${root}/${pkg}/${file}`, kind, rng.chance(0.25));
        if (out.length > before) made++;
      }
    }
  };
  gen(APP_PACKAGES, appPerPackage, 'app', GOPATH);
  gen(LIB_PACKAGES, libPerPackage, 'lib', GOROOT);
  return out;
}
