FROM a
ENV A=${B:-${C:-${D:-${E:+x}}}} F="$A" G='$A' H=\$A
ARG I=${A:?}
LABEL x=${