# bash completion for vmtrace                              -*- shell-script -*-
#
# Installed as share/bash-completion/completions/vmtrace (make install).
# Commands, options and policy names are asked from the vmtrace being
# completed (`vmtrace --help`, `vmtrace CMD --help`, `vmtrace policies`),
# not listed here, so new commands, options and policies complete without
# touching this file.  Needs nothing from the bash-completion package.

# _vmtrace_run PROG ARGS...: run vmtrace for completion text, errors hidden.
_vmtrace_run()
{
	"$@" 2>/dev/null </dev/null
}

_vmtrace()
{
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= words i
	[[ $COMP_CWORD -gt 0 ]] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	# The command is the first word after the program; `record -- PROG`
	# completes PROG as a command and its arguments as files.
	if [[ $COMP_CWORD -eq 1 ]]; then
		words=$(_vmtrace_run "$prog" --help | awk '/^commands:/ { on = 1; next }
			on && /^   [a-z]/ { print $1 } on && /^$/ { on = 0 }')
		COMPREPLY=($(compgen -W "$words help" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	if [[ $cmd == help ]]; then
		[[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "$(_vmtrace_run "$prog" --help |
			awk '/^commands:/ { on = 1; next } on && /^   [a-z]/ { print $1 }')" -- "$cur"))
		return
	fi
	for ((i = 2; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -- && $cmd == record ]]; then
			if [[ $i -eq $((COMP_CWORD - 1)) ]]; then
				COMPREPLY=($(compgen -c -- "$cur"))
			else
				COMPREPLY=($(compgen -f -- "$cur"))
			fi
			return
		fi
	done

	case $prev in
	-p | --policy)
		# A comma-separated list: complete the name after the last comma.
		local head= tail=$cur names
		if [[ $cur == *,* ]]; then
			head=${cur%,*},
			tail=${cur##*,}
		fi
		names=$(_vmtrace_run "$prog" policies | awk '/^[a-z]/ { print $1 }')
		[[ -z $head ]] && names="$names all"
		COMPREPLY=($(compgen -P "$head" -W "$names" -- "$tail"))
		return
		;;
	-t | --format)
		COMPREPLY=($(compgen -W "auto seq lackey events" -- "$cur"))
		return
		;;
	-O | --output-format)
		COMPREPLY=($(compgen -W "text json csv" -- "$cur"))
		return
		;;
	--device)
		COMPREPLY=($(compgen -W "hdd ssd nvme zswap" -- "$cur"))
		return
		;;
	--alloc)
		COMPREPLY=($(compgen -W "global equal proportional pff" -- "$cur"))
		return
		;;
	--mempolicy)
		COMPREPLY=($(compgen -W "default local preferred: bind: interleave:" -- "$cur"))
		[[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null
		return
		;;
	--huge)
		COMPREPLY=($(compgen -W "all" -- "$cur"))
		return
		;;
	-o | --output | --plot | --plot-script)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	-n | --frames | --tau | -j | --jobs | --page-size | --swap | --tlb | --cost | \
		--zswap-pool | --zswap-ratio | --string | --tries | --length | --pages | \
		--seed | --show | -l | -P | --numa | --numa-distance | --numa-balance | \
		--buddyinfo-every)
		return # a number or a list: nothing to offer
		;;
	esac

	if [[ $cur == -* ]]; then
		# Every option the command's own --help lists.
		words=$(_vmtrace_run "$prog" "$cmd" --help |
			grep -oE -- '^ +(-[A-Za-z], )?--[a-z][a-z0-9-]*' | grep -oE -- '-[-A-Za-z0-9]+')
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}

complete -o filenames -F _vmtrace vmtrace
