# jq 1.7 builtins that jackson-jq 1.6 lacks, or has in an older form, loaded once into the root scope.
# One definition per line: "def name(params): body;". Loops call _ocean_tick, which checks the deadline.
def recurse(f): def r: ., (f | _ocean_tick | r); r;
def recurse(f; cond): def r: ., (f | select(cond) | _ocean_tick | r); r;
def recurse: recurse(.[]?);
def repeat(f): def _repeat: f, (_ocean_tick | _repeat); _repeat;
def while(cond; update): def _while: if cond then ., (update | _ocean_tick | _while) else empty end; _while;
def until(cond; update): def _until: if cond then . else (update | _ocean_tick | _until) end; _until;
def limit($n; f): if $n > 0 then label $out | foreach (f | _ocean_tick) as $item (0; . + 1; $item, if . >= $n then break $out else empty end) elif $n == 0 then empty else f end;
def isempty(g): first((g | false), true);
def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);
def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row | idx_expr | tostring] |= $row);
def INDEX(idx_expr): INDEX(.[]; idx_expr);
def abs: if type == "number" and . < 0 then - . else . end;
def toarray: if type == "array" then . else [.] end;
def todate: strftime("%Y-%m-%dT%H:%M:%SZ");
def fromdate: fromdateiso8601;
def date: todate;
def dateadd(u; n): . + n;
def datesub(u; n): . - n;
def sub($re; str; $flags): . as $in | [match($re; $flags)] as $ms | (reduce $ms[] as $m ({acc: [""], prev: 0}; ($m.captures | map(select(.name != null) | {key: .name, value: .string}) | from_entries) as $cap | [$cap | str] as $reps | .acc = [.acc[] as $a | $reps[] as $r | $a + $in[.prev:$m.offset] + $r] | .prev = ($m.offset + $m.length))) as $st | $st.acc[] + $in[$st.prev:];
def sub($re; str): sub($re; str; "");
def gsub($re; str; $flags): sub($re; str; $flags + "g");
def gsub($re; str): sub($re; str; "g");
def tostream: def _s($p): if (type == "array" or type == "object") and length > 0 then (keys_unsorted as $ks | ($ks[] as $k | .[$k] | _s($p + [$k])), [$p + [$ks[-1]]]) else [$p, .] end; _s([]);
